using ModelDsl.Tests.Support;

namespace ModelDsl.Tests.EndToEnd;

/// <summary>Where <c>explain</c> writes when no <c>--out</c> is given, driven as a process.</summary>
public sealed class ExplainFolderTests
{
    [Fact]
    public void Explain_writes_into_the_run_folder_of_the_checkpoint_so_runs_do_not_overwrite_each_other()
    {
        string root = ModelsApp.TempFolder();
        string runs = Path.Combine(root, "runs");
        string first = ModelsApp.LastJson(ModelsApp.Succeed("train", "credit-mlp", "--epochs", "1", "--out", runs, "--json", "--device", "cpu"))
            .GetProperty("checkpoint").GetString()!;
        string second = ModelsApp.LastJson(ModelsApp.Succeed("train", "credit-mlp", "--epochs", "2", "--out", runs, "--json", "--device", "cpu"))
            .GetProperty("checkpoint").GetString()!;

        string[] Charts(string checkpoint)
        {
            ProcessResult explain = ModelsApp.Succeed("explain", "credit-mlp", "--checkpoint", checkpoint);
            return explain.StandardOutput.Split('\n').Where(l => l.StartsWith("chart: ", StringComparison.Ordinal)).Select(l => l["chart: ".Length..].Trim()).ToArray();
        }
        string[] firstCharts = Charts(first), secondCharts = Charts(second);

        // <run>/checkpoints/<checkpoint> → <run>/explain/<checkpoint>/
        string Expected(string checkpoint) =>
            Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(checkpoint))!, "explain", Path.GetFileName(checkpoint));
        Assert.NotEqual(Expected(first), Expected(second));
        Assert.NotEmpty(firstCharts);
        Assert.All(firstCharts, c => Assert.Equal(Expected(first), Path.GetDirectoryName(Path.GetFullPath(c))));
        Assert.All(secondCharts, c => Assert.Equal(Expected(second), Path.GetDirectoryName(Path.GetFullPath(c))));
        Assert.All(firstCharts.Concat(secondCharts), c => Assert.True(File.Exists(c), c));
        Assert.False(Directory.Exists(Path.Combine(Environment.CurrentDirectory, "explain")), "explain wrote to the shared default folder");
    }
}
