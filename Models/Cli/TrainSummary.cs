using System.Globalization;
using ModelDsl.Baselines;
using ModelDsl.Models.Catalog;
using ModelDsl.Training;

namespace ModelDsl.Models.Cli;

/// <summary>
/// What <c>train</c> prints after its epochs: whether best weights were restored (and from which epoch) or the run stopped
/// early, then every declared metric on the validation data (where the run had some) and on the test split, side by
/// side, as Lightning's test table does; then each baseline's figure on the same test split, the strongest marked, and
/// the headline line comparing the network with that strongest baseline.
/// </summary>
internal static class TrainSummary
{
    public static void Write(TrainOutcome outcome, TextWriter output)
    {
        TrainingHistory? history = outcome.History;
        if (history?.StoppedEarlyAt is int stopped)
            output.WriteLine($"stopped early after epoch {stopped}: no improvement for the declared patience");
        if (history?.RestoredEpoch is int restored)
            output.WriteLine($"restored best weights from epoch {restored}");

        // The validation figures of the epoch whose weights the test scored: the restored one, else the last.
        EpochRecord? tested = history is null || history.Epochs.Count == 0 ? null
            : history.RestoredEpoch is int epoch ? history.Epochs.FirstOrDefault(e => e.Epoch == epoch) ?? history.Epochs[^1]
            : history.Epochs[^1];
        bool validated = tested?.Values.Any(v => v.Key.StartsWith("val_", StringComparison.Ordinal)) == true;
        int width = Math.Max(8, outcome.TestMetrics.Keys.Max(k => k.Length) + 2);
        string validationHeader = validated ? $"validation (epoch {tested!.Epoch})" : "";
        output.WriteLine($"{"metric".PadRight(width)}{(validated ? validationHeader.PadRight(validationHeader.Length + 3) : "")}test");
        foreach (var (name, value) in outcome.TestMetrics)
        {
            string validation = !validated ? ""
                : (tested!.Has("val_" + name) ? Number(tested["val_" + name]) : "-").PadRight(validationHeader.Length + 3);
            output.WriteLine($"{name.PadRight(width)}{validation}{Number(value)}");
        }

        BaselineScore strongest = outcome.StrongestBaseline;
        output.WriteLine($"baselines (test {outcome.HeadlineMetric}, fitted on the same training split):");
        int nameWidth = outcome.Baselines.Max(b => b.Name.Length) + 2;
        foreach (BaselineScore baseline in outcome.Baselines)
            output.WriteLine($"  {baseline.Name.PadRight(nameWidth)}{Number(baseline.Score)}{(ReferenceEquals(baseline, strongest) ? "   <- strongest" : "")}");
        output.WriteLine($"test {outcome.HeadlineMetric}: {Number(outcome.TestMetrics[outcome.HeadlineMetric])}   " +
            $"strongest baseline ({strongest.Name}): {Number(strongest.Score)}");
    }

    private static string Number(double value) => value.ToString("F4", CultureInfo.InvariantCulture);
}
