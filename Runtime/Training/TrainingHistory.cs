using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ModelDsl.Training;

/// <summary>The per-epoch record of a training run, writable as CSV, JSON and a PNG plot.</summary>
public sealed class TrainingHistory
{
    private readonly List<EpochRecord> _epochs = [];

    /// <summary>Creates an empty history, or one continuing <paramref name="epochs"/> (when resuming).</summary>
    public TrainingHistory(IEnumerable<EpochRecord>? epochs = null)
    {
        if (epochs is not null)
            _epochs.AddRange(epochs);
    }

    /// <summary>Every completed epoch, in order.</summary>
    public IReadOnlyList<EpochRecord> Epochs => _epochs;

    /// <summary>The epoch at which early stopping ended the run, or null when it ran all epochs.</summary>
    public int? StoppedEarlyAt { get; internal set; }

    /// <summary>
    /// The epoch whose weights the model holds after <c>Fit</c> when <see cref="TrainingOptions.RestoreBestWeights"/> put
    /// them back, or null when the model holds the last epoch's weights.
    /// </summary>
    public int? RestoredEpoch { get; internal set; }

    /// <summary>Adds a completed epoch.</summary>
    public void Add(EpochRecord record) => _epochs.Add(record);

    /// <summary>The values of <paramref name="name"/> per epoch (e.g. <c>loss</c>, <c>val_accuracy</c>).</summary>
    public IReadOnlyList<double> Series(string name) => _epochs.Select(e => e[name]).ToList();

    /// <summary>Writes one row per epoch: epoch, every value, lr, seconds.</summary>
    public void WriteCsv(string path)
    {
        var text = new StringBuilder();
        string[] names = ValueNames();
        text.AppendLine(string.Join(",", new[] { "epoch" }.Concat(names).Concat(["lr", "seconds"])));
        foreach (EpochRecord epoch in _epochs)
            text.AppendLine(string.Join(",", new[] { epoch.Epoch.ToString(CultureInfo.InvariantCulture) }
                .Concat(names.Select(n => epoch.Has(n) ? Number(epoch[n]) : ""))
                .Concat([Number(epoch.LearningRate), Number(epoch.Seconds)])));
        WriteAtomically(path, text.ToString());
    }

    /// <summary>Writes the history as a JSON array of epoch objects.</summary>
    public void WriteJson(string path) => WriteAtomically(path, ToJson());

    /// <summary>The history as a JSON array of epoch objects.</summary>
    public string ToJson()
    {
        var rows = _epochs.Select(e =>
        {
            var row = new Dictionary<string, object> { ["epoch"] = e.Epoch };
            foreach (var (name, value) in e.Values)
                row[name] = double.IsFinite(value) ? value : value.ToString(CultureInfo.InvariantCulture);
            row["lr"] = e.LearningRate;
            row["seconds"] = e.Seconds;
            return row;
        });
        return JsonSerializer.Serialize(rows, new JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>Reads a history written by <see cref="ToJson"/>.</summary>
    public static TrainingHistory FromJson(string json)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        var epochs = new List<EpochRecord>();
        foreach (JsonElement row in document.RootElement.EnumerateArray())
        {
            var values = new List<KeyValuePair<string, double>>();
            foreach (JsonProperty property in row.EnumerateObject())
                if (property.Name is not ("epoch" or "lr" or "seconds"))
                    values.Add(new(property.Name, property.Value.ValueKind == JsonValueKind.Number
                        ? property.Value.GetDouble() : double.Parse(property.Value.GetString()!, CultureInfo.InvariantCulture)));
            epochs.Add(new EpochRecord(row.GetProperty("epoch").GetInt32(), values, row.GetProperty("lr").GetDouble(), row.GetProperty("seconds").GetDouble()));
        }
        return new TrainingHistory(epochs);
    }

    /// <summary>
    /// Writes a PNG with the loss curves (left axis) and the metric curves (right axis) per epoch, the legend below the
    /// chart (never over the curves), ticks at whole epochs, and a labelled line at <see cref="RestoredEpoch"/>.
    /// </summary>
    public void WritePlot(string path, string title = "Training history")
    {
        ScottPlot.Plot plot = CreatePlot(title);
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
            Directory.CreateDirectory(folder);
        plot.SavePng(path, 800, 560);
    }

    /// <summary>The chart <see cref="WritePlot"/> draws, for tests to inspect.</summary>
    internal ScottPlot.Plot CreatePlot(string title)
    {
        var plot = new ScottPlot.Plot();
        double[] xs = _epochs.Select(e => (double)e.Epoch).ToArray();
        foreach (string name in ValueNames())
        {
            double[] ys = _epochs.Select(e => e.Has(name) ? e[name] : double.NaN).ToArray();
            var line = plot.Add.Scatter(xs, ys);
            line.LegendText = name;
            if (!name.EndsWith("loss", StringComparison.Ordinal))
                line.Axes.YAxis = plot.Axes.Right;
        }
        if (RestoredEpoch is int restored)
        {
            var marker = plot.Add.VerticalLine(restored);
            marker.LegendText = $"restored best weights (epoch {restored})";
            marker.LabelText = $"epoch {restored}";
            marker.LinePattern = ScottPlot.LinePattern.Dashed;
            // Above the chart, where it hides no epoch tick.
            marker.LabelOppositeAxis = true;
        }
        // Epochs are whole numbers: an automatic tick generator would put ticks at 1.5, 2.5, … on short runs.
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        if (xs.Length > 0)
            plot.Axes.SetLimitsX(xs[0] - 0.25, xs[^1] + 0.25);
        plot.Title(title);
        plot.XLabel("epoch");
        plot.YLabel("loss");
        plot.Axes.Right.Label.Text = "metric";
        // Below the chart: inside the data area a legend covers the last epochs, where the curves matter most.
        plot.ShowLegend(ScottPlot.Edge.Bottom);
        return plot;
    }

    private string[] ValueNames() => _epochs.SelectMany(e => e.Values.Select(v => v.Key)).Distinct().ToArray();

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static void WriteAtomically(string path, string text)
    {
        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        string temporary = full + ".tmp";
        File.WriteAllText(temporary, text);
        File.Move(temporary, full, overwrite: true);
    }
}
