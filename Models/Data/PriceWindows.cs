using System.Globalization;
using ModelDsl.Data;
using TorchSharp;

namespace ModelDsl.Models.Data;

/// <summary>
/// Turns closing prices into model inputs: per day the log return, 5- and 20-day volatility and 10-day momentum, each
/// standardised with statistics of the training period only; windows of <see cref="Window"/> days labelled with the
/// direction of the following day (1 = up). Splits are chronological: no future day leaks into training.
/// </summary>
public static class PriceWindows
{
    /// <summary>Days per window.</summary>
    public const int Window = 30;

    /// <summary>Features per day.</summary>
    public const int Features = 4;

    /// <summary>The first day (0-based) with features: the 20-day volatility needs 20 returns before it.</summary>
    public const int FirstFeatureDay = 20;

    /// <summary>Fewest windows <see cref="Build"/> accepts, so that validation and test get a few each.</summary>
    public const int MinimumWindows = 20;

    /// <summary>Names of the per-day features, in order.</summary>
    public static readonly string[] FeatureNames = ["log_return", "volatility_5", "volatility_20", "momentum_10"];

    /// <summary>The three chronological splits, for the persistence baseline each test window's last daily direction, and the newest window.</summary>
    /// <param name="Train">The first 70 % of windows.</param>
    /// <param name="Validation">The next 15 %.</param>
    /// <param name="Test">The last 15 %; its last window is labelled with the last day of the series.</param>
    /// <param name="TestLastDirection">Per test window, the direction of its last day (1 = up): the persistence forecast.</param>
    /// <param name="TestLabels">Per test window, the direction of the day after it.</param>
    /// <param name="LatestWindow">
    /// <c>[1, Window, Features]</c>: the last <see cref="Window"/> days of the series, standardised like the rest — the input
    /// for forecasting the day after the data ends (it has no label yet).
    /// </param>
    /// <param name="Scaling">The standardisation used, fitted on the training days unless it was given.</param>
    public sealed record Splits(InMemoryDataset Train, InMemoryDataset Validation, InMemoryDataset Test, int[] TestLastDirection, int[] TestLabels,
        torch.Tensor LatestWindow, FeatureScaling Scaling) : IDisposable
    {
        /// <inheritdoc />
        public void Dispose()
        {
            Train.Dispose();
            Validation.Dispose();
            Test.Dispose();
            LatestWindow.Dispose();
        }
    }

    /// <summary>Raw (unstandardised) per-day features; the first 20 days lack history and are dropped.</summary>
    public static double[][] DailyFeatures(IReadOnlyList<double> closes)
    {
        int n = closes.Count;
        var returns = new double[n];
        for (int t = 1; t < n; t++)
            returns[t] = Math.Log(closes[t] / closes[t - 1]);
        var rows = new List<double[]>();
        for (int t = FirstFeatureDay; t < n; t++)
            rows.Add([returns[t], StdDev(returns, t - 4, t), StdDev(returns, t - 19, t), Math.Log(closes[t] / closes[t - 10])]);
        return rows.ToArray();
    }

    /// <summary>
    /// Builds 70/15/15 chronological splits of windows over <paramref name="closes"/>. Window <c>w</c> (counted over the
    /// whole series) holds the features of days <c>w + 20 … w + 49</c>; its label is 1 when <c>closes[w + 50] &gt;
    /// closes[w + 49]</c> (the day right after the window), and its last observed direction compares days
    /// <c>w + 49</c> and <c>w + 48</c>.
    /// </summary>
    /// <param name="closes">Daily closes, oldest first.</param>
    /// <param name="scaling">
    /// The standardisation to apply (a trained model's, from its checkpoint), or null to fit it on the training days.
    /// </param>
    /// <exception cref="InvalidDataException">The series is too short for windows of <see cref="Window"/> days.</exception>
    /// <exception cref="ArgumentException">A training day's feature is not finite (a close of 0 or below); names the day and feature.</exception>
    public static Splits Build(IReadOnlyList<double> closes, FeatureScaling? scaling = null)
    {
        double[][] days = DailyFeatures(closes);
        int windows = days.Length - Window;
        if (windows < MinimumWindows)
            throw new InvalidDataException(
                $"The price series has {closes.Count} days; at least {FirstFeatureDay + Window + MinimumWindows} are needed for training, validation and test windows.");
        int trainEnd = (int)(windows * 0.70), validationEnd = (int)(windows * 0.85);

        // Standardise with the days the training windows see.
        scaling ??= FeatureScaling.Fit(ScalingRecord, FeatureNames, trainEnd + Window, (day, feature) => days[day][feature]);

        InMemoryDataset Make(int from, int to, out int[] lastDirection, out int[] labels)
        {
            int count = to - from;
            var x = new float[count * Window * Features];
            labels = new int[count];
            lastDirection = new int[count];
            for (int w = 0; w < count; w++)
            {
                int start = from + w;
                Standardize(days, start, scaling, x, w * Window * Features);
                // Label: direction of the day right after the window (its log return, feature 0, unstandardised).
                labels[w] = days[start + Window][0] > 0 ? 1 : 0;
                lastDirection[w] = days[start + Window - 1][0] > 0 ? 1 : 0;
            }
            return new InMemoryDataset(torch.tensor(x, [count, Window, Features]), torch.tensor(labels.Select(l => (long)l).ToArray()));
        }

        InMemoryDataset train = Make(0, trainEnd, out _, out _);
        InMemoryDataset validation = Make(trainEnd, validationEnd, out _, out _);
        InMemoryDataset test = Make(validationEnd, windows, out int[] last, out int[] testLabels);
        return new Splits(train, validation, test, last, testLabels, torch.tensor(Latest(days, scaling), [1, Window, Features]), scaling);
    }

    /// <summary>The name the price features' <see cref="FeatureScaling"/> is fitted and checked under.</summary>
    public const string ScalingRecord = "price series";

    /// <summary>
    /// <c>[1, Window, Features]</c>: the last <see cref="Window"/> days of <paramref name="closes"/> standardised with a
    /// trained model's <paramref name="scaling"/> — the input for forecasting the day after the series ends. Only the last
    /// <c>FirstFeatureDay + Window</c> days matter; older history does not change it.
    /// </summary>
    /// <exception cref="InvalidDataException">The series has fewer than <c>FirstFeatureDay + Window</c> days.</exception>
    public static torch.Tensor LatestWindow(IReadOnlyList<double> closes, FeatureScaling scaling) =>
        torch.tensor(LatestWindowValues(closes, scaling), [1, Window, Features]);

    /// <summary>
    /// <see cref="LatestWindow"/>'s values, row-major (<c>Window × Features</c>), with no tensor made: what ONNX Runtime
    /// reads, so serving an exported model needs no libtorch.
    /// </summary>
    /// <exception cref="InvalidDataException">The series has fewer than <c>FirstFeatureDay + Window</c> days.</exception>
    public static float[] LatestWindowValues(IReadOnlyList<double> closes, FeatureScaling scaling)
    {
        if (closes.Count < FirstFeatureDay + Window)
            throw new InvalidDataException(
                $"The price series has {closes.Count} days; a forecast needs at least {FirstFeatureDay + Window} ({Window} days of features, each with {FirstFeatureDay} days of history).");
        return Latest(DailyFeatures(closes), scaling);
    }

    private static float[] Latest(double[][] days, FeatureScaling scaling)
    {
        var latest = new float[Window * Features];
        Standardize(days, days.Length - Window, scaling, latest, 0);
        return latest;
    }

    // Writes the standardised features of days start … start + Window - 1 into x from offset, day by day.
    private static void Standardize(double[][] days, int start, FeatureScaling scaling, float[] x, int offset)
    {
        for (int d = 0; d < Window; d++)
            for (int f = 0; f < Features; f++)
                x[offset + d * Features + f] = scaling.Standardize(f, days[start + d][f]);
    }

    /// <summary>
    /// Reads closing prices from a CSV with at least <c>date</c> and <c>close</c> columns (names matched ignoring case,
    /// other columns ignored), returned in date order whatever the order of the rows.
    /// </summary>
    /// <exception cref="InvalidDataException">
    /// A column is missing, a date does not parse, a date repeats, or a close is not a positive number; the message names
    /// the file, line and column.
    /// </exception>
    public static double[] ReadCloses(string path)
    {
        CsvTable table = CsvTable.Read(path, "date", "close");
        var rows = new List<(DateTime Date, double Close)>();
        var seen = new Dictionary<DateTime, int>();
        for (int i = 0; i < table.Count; i++)
        {
            string dateText = table.Text(i, "date");
            if (!DateTime.TryParse(dateText, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out DateTime date))
                throw new InvalidDataException($"{path}:{table.Line(i)}: column 'date' holds '{dateText}', which is not a date (expected e.g. 2020-04-17).");
            if (seen.TryGetValue(date, out int earlier))
                throw new InvalidDataException($"{path}:{table.Line(i)}: column 'date' repeats {dateText}, already on line {earlier}.");
            seen[date] = table.Line(i);
            double close = table.Number(i, "close");
            if (close <= 0)
                throw new InvalidDataException($"{path}:{table.Line(i)}: column 'close' holds {close.ToString(CultureInfo.InvariantCulture)}; prices must be positive.");
            rows.Add((date, close));
        }
        return rows.OrderBy(r => r.Date).Select(r => r.Close).ToArray();
    }

    private static double StdDev(double[] values, int from, int to)
    {
        double mean = 0;
        for (int i = from; i <= to; i++)
            mean += values[i];
        mean /= to - from + 1;
        double sum = 0;
        for (int i = from; i <= to; i++)
            sum += (values[i] - mean) * (values[i] - mean);
        return Math.Sqrt(sum / (to - from + 1));
    }
}
