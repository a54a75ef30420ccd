using System.Globalization;
using System.Text.Json;
using ModelDsl.Tests.Support;

namespace ModelDsl.Tests.EndToEnd;

/// <summary>The baselines <c>train</c> prints and puts in <c>--json</c>, driven as a process.</summary>
public sealed class BaselineCommandLineTests
{
    [Fact]
    public void Train_lists_every_baseline_and_marks_the_strongest_in_text_and_json()
    {
        string runs = ModelsApp.TempFolder();
        ProcessResult train = ModelsApp.Succeed("train", "credit-mlp", "--epochs", "1", "--out", runs, "--json", "--device", "cpu");
        JsonElement json = ModelsApp.LastJson(train);
        string[] lines = train.StandardOutput.Split('\n').Select(l => l.TrimEnd()).ToArray();

        var baselines = json.GetProperty("baselines").EnumerateArray()
            .Select(b => (Name: b.GetProperty("name").GetString()!, Score: b.GetProperty("score").GetDouble())).ToList();
        Assert.Equal(["logistic regression", "gradient-boosted trees"], baselines.Select(b => b.Name));
        Assert.All(baselines, b => Assert.InRange(b.Score, 0.6, 1.0));
        var strongest = baselines.MaxBy(b => b.Score);
        JsonElement named = json.GetProperty("strongest_baseline");
        Assert.Equal(strongest.Name, named.GetProperty("name").GetString());
        Assert.Equal(strongest.Score, named.GetProperty("score").GetDouble());

        // The text lists each baseline under a header naming the metric, marks the strongest only, and ends with the
        // network's headline figure next to it.
        int header = Array.IndexOf(lines, "baselines (test roc_auc, fitted on the same training split):");
        Assert.True(header >= 0, train.StandardOutput);
        for (int i = 0; i < baselines.Count; i++)
        {
            string line = lines[header + 1 + i];
            Assert.StartsWith($"  {baselines[i].Name} ", line);
            Assert.Contains(baselines[i].Score.ToString("F4", CultureInfo.InvariantCulture), line);
            Assert.Equal(baselines[i].Name == strongest.Name, line.EndsWith("<- strongest", StringComparison.Ordinal));
        }
        double auc = json.GetProperty("metrics").GetProperty("roc_auc").GetDouble();
        Assert.Contains(string.Create(CultureInfo.InvariantCulture,
            $"test roc_auc: {auc:F4}   strongest baseline ({strongest.Name}): {strongest.Score:F4}"), lines);
    }
}
