using System.Globalization;
using System.Text.Json;
using ModelDsl.Tests.Support;

namespace ModelDsl.Tests.EndToEnd;

/// <summary>What <c>train</c> prints after its epochs, driven as a process.</summary>
public sealed class TrainSummaryTests
{
    [Fact]
    public void Train_prints_every_metric_for_validation_and_test_the_restored_epoch_and_readable_learning_rates()
    {
        string runs = ModelsApp.TempFolder();
        ProcessResult train = ModelsApp.Succeed("train", "credit-mlp", "--epochs", "3", "--lr", "0.00005", "--out", runs, "--json", "--device", "cpu");
        string[] lines = train.StandardOutput.Split('\n').Select(l => l.TrimEnd()).ToArray();
        JsonElement json = ModelsApp.LastJson(train);

        // Epoch lines print the learning rate as Python's %.3g does, not .NET's 5E-05.
        Assert.All(lines.Where(l => l.StartsWith("epoch ", StringComparison.Ordinal)), l => Assert.Contains("  lr 5e-05  ", l));

        // credit-mlp declares RestoreBestWeights: the epoch is named, and it is the one the JSON reports.
        int restored = json.GetProperty("restored_epoch").GetInt32();
        Assert.InRange(restored, 1, 3);
        Assert.Contains($"restored best weights from epoch {restored}", lines);

        // A table of every declared metric: the restored epoch's validation figures next to the test figures.
        int header = Array.FindIndex(lines, l => l.StartsWith("metric", StringComparison.Ordinal));
        Assert.True(header >= 0, train.StandardOutput);
        Assert.Contains($"validation (epoch {restored})", lines[header]);
        string historyCsv = Directory.GetFiles(runs, "history.csv", SearchOption.AllDirectories).Single();
        string[] columns = File.ReadAllLines(historyCsv)[0].Split(',');
        string[] restoredRow = File.ReadAllLines(historyCsv)[restored].Split(',');
        var rows = lines.Skip(header + 1).TakeWhile(l => !l.StartsWith("baselines ", StringComparison.Ordinal))
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToDictionary(p => p[0], p => p[1..]);
        string[] metrics = json.GetProperty("metrics").EnumerateObject().Select(p => p.Name).ToArray();
        Assert.Equal(["loss", "accuracy", "roc_auc"], metrics);
        Assert.Equal(metrics, rows.Keys);
        foreach (string metric in metrics)
        {
            double validation = double.Parse(restoredRow[Array.IndexOf(columns, "val_" + metric)], CultureInfo.InvariantCulture);
            Assert.Equal(validation, double.Parse(rows[metric][0], CultureInfo.InvariantCulture), 4);
            Assert.Equal(json.GetProperty("metrics").GetProperty(metric).GetDouble(), double.Parse(rows[metric][1], CultureInfo.InvariantCulture), 4);
        }
    }
}
