using ModelDsl.Tests.Support;

namespace ModelDsl.Tests.EndToEnd;

/// <summary>
/// <c>predict</c>, <c>explain</c> and <c>export</c> given <c>--checkpoint model.safetensors</c> (what the torchrun entry
/// point writes, with export-data's <c>features.json</c> and <c>run.json</c> beside it), driven as processes: each prints
/// what the same verb prints for the checkpoint folder the weights came from. A verb that ignored the file's weights
/// (or its featurizer) would print another model's figures.
/// </summary>
public sealed class SafetensorsCheckpointTests(SafetensorsCheckpointTests.TrainedRun run) : IClassFixture<SafetensorsCheckpointTests.TrainedRun>
{
    [Fact]
    public void Predict_from_a_safetensors_file_prints_the_probabilities_of_the_checkpoint_it_was_exported_from()
    {
        ProcessResult fromFolder = ModelsApp.Succeed("predict", "credit-mlp", "--checkpoint", run.Checkpoint, "--input", run.Applicants);
        ProcessResult fromFile = ModelsApp.Succeed("predict", "credit-mlp", "--checkpoint", run.Safetensors, "--input", run.Applicants);
        Assert.Contains($"(imported as {run.Safetensors}.checkpoint", fromFile.StandardError);
        string[] expected = Lines(fromFolder);
        Assert.Equal(4, expected.Length);
        Assert.Equal(expected, Lines(fromFile));
    }

    [Fact]
    public void Explain_from_a_safetensors_file_ranks_the_features_as_the_checkpoint_it_was_exported_from()
    {
        ProcessResult fromFolder = ModelsApp.Succeed("explain", "credit-mlp", "--checkpoint", run.Checkpoint, "--out", Path.Combine(run.Folder, "explain-folder"));
        ProcessResult fromFile = ModelsApp.Succeed("explain", "credit-mlp", "--checkpoint", run.Safetensors, "--out", Path.Combine(run.Folder, "explain-file"));
        // The tables of both explanations (permutation importance and integrated gradients), not the paths they name.
        string[] expected = Ranking(fromFolder);
        Assert.True(expected.Length >= 20, fromFolder.StandardOutput);
        Assert.Equal(expected, Ranking(fromFile));
        Assert.True(File.Exists(Path.Combine(run.Folder, "explain-file", "permutation-importance.png")));
    }

    [Fact]
    public void Export_from_a_safetensors_file_writes_the_weights_and_featurizer_of_the_checkpoint_it_was_exported_from()
    {
        string onnx = Path.Combine(run.Folder, "from-safetensors.onnx");
        ModelsApp.Succeed("export", "credit-mlp", "--checkpoint", run.Safetensors, "--format", "onnx", "--out", onnx);
        ProcessResult fromFolder = ModelsApp.Succeed("predict", "credit-mlp", "--checkpoint", run.Checkpoint, "--input", run.Applicants);
        ProcessResult fromExport = ModelsApp.Succeed("predict", "credit-mlp", "--onnx", onnx, "--input", run.Applicants);
        Assert.Equal(Lines(fromFolder), Lines(fromExport));
    }

    private static string[] Lines(ProcessResult result) =>
        result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string[] Ranking(ProcessResult result) =>
        Lines(result).Where(l => !l.StartsWith("checkpoint:", StringComparison.Ordinal) && !l.StartsWith("chart:", StringComparison.Ordinal)).ToArray();

    /// <summary>
    /// One credit-mlp epoch, its checkpoint's weights exported as <c>model.safetensors</c> into a folder of their own with
    /// the checkpoint's <c>features.json</c> and <c>run.json</c> copied beside them, and four applicants to score.
    /// </summary>
    public sealed class TrainedRun : IDisposable
    {
        private readonly TemporaryFolder _folder = new();

        public TrainedRun()
        {
            Checkpoint = ModelsApp.LastJson(ModelsApp.Succeed("train", "credit-mlp", "--epochs", "1", "--out", Path.Combine(Folder, "runs"), "--json", "--device", "cpu"))
                .GetProperty("checkpoint").GetString()!;
            string weights = Path.Combine(Folder, "weights");
            Directory.CreateDirectory(weights);
            Safetensors = Path.Combine(weights, "model.safetensors");
            ModelsApp.Succeed("export", "credit-mlp", "--checkpoint", Checkpoint, "--out", Safetensors);
            foreach (string file in new[] { "features.json", "run.json" })
                File.Copy(Path.Combine(Checkpoint, file), Path.Combine(weights, file));
            Applicants = Path.Combine(Folder, "applicants.csv");
            File.WriteAllLines(Applicants,
            [
                "Income,LoanAmount,DebtToIncome,CreditHistoryYears,LatePayments,Home,Purpose,HasCoSigner,ApplicationDayOfWeek,NoiseScore",
                "60000,10000,0.10,20,0,Own,Car,true,2,50",
                "40000,30000,0.55,1,5,Rent,Vacation,false,2,50",
                "52000,18000,0.30,6,1,Mortgage,Business,false,5,20",
            ]);
        }

        public string Folder => _folder.Path;

        /// <summary>The trained checkpoint folder.</summary>
        public string Checkpoint { get; }

        /// <summary>Its weights as safetensors, with the files export-data leaves beside them.</summary>
        public string Safetensors { get; }

        public string Applicants { get; }

        public void Dispose() => _folder.Dispose();
    }
}
