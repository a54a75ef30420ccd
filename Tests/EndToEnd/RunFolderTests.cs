using System.Text.Json;
using ModelDsl.Checkpoints;
using ModelDsl.Devices;
using ModelDsl.Models.Declarations;
using ModelDsl.Tests.Support;

namespace ModelDsl.Tests.EndToEnd;

/// <summary>
/// Run folders and which checkpoint a command loads, driven as a process: every fresh train gets its own version folder,
/// a model's run folder means its newest run and the checkpoint that run reported, and damaged checkpoints are named.
/// </summary>
public sealed class RunFolderTests
{
    [Fact]
    public void A_fresh_train_gets_a_new_version_folder_and_the_run_folder_means_the_newest_run()
    {
        string runs = ModelsApp.TempFolder();
        string model = Path.Combine(runs, "credit-mlp");
        ModelsApp.Succeed("train", "credit-mlp", "--epochs", "3", "--out", runs, "--device", "cpu");
        JsonElement second = ModelsApp.LastJson(ModelsApp.Succeed("train", "credit-mlp", "--epochs", "2", "--out", runs, "--json", "--device", "cpu"));

        // The second run's JSON, history and checkpoints describe only the second run.
        string checkpoint = second.GetProperty("checkpoint").GetString()!;
        Assert.Equal(Path.Combine(model, "version_1", "checkpoints"), Path.GetDirectoryName(checkpoint));
        Assert.Equal(3, File.ReadAllLines(Path.Combine(model, "version_1", "history.csv")).Length);
        Assert.Equal(["epoch-0001", "epoch-0002"], Directory.GetDirectories(Path.Combine(model, "version_1", "checkpoints")).Select(Path.GetFileName).Order());
        // The first run is left as it was.
        Assert.Equal(4, File.ReadAllLines(Path.Combine(model, "version_0", "history.csv")).Length);
        Assert.Contains("epoch-0003", Directory.GetDirectories(Path.Combine(model, "version_0", "checkpoints")).Select(Path.GetFileName));

        // The model's folder resolves to the newest run and to the checkpoint train reported for it, and says so.
        ProcessResult evaluate = ModelsApp.Succeed("evaluate", "credit-mlp", "--checkpoint", model, "--json");
        Assert.Contains($"checkpoint: {checkpoint} (epoch ", evaluate.StandardOutput);
        JsonElement evaluated = ModelsApp.LastJson(evaluate);
        Assert.Equal(checkpoint, evaluated.GetProperty("checkpoint").GetString());
        Assert.Equal(second.GetProperty("metrics").GetProperty("roc_auc").GetDouble(), evaluated.GetProperty("metrics").GetProperty("roc_auc").GetDouble(), 6);

        // export names the checkpoint too and writes exactly its weights.
        string exported = Path.Combine(runs, "credit.safetensors");
        ProcessResult export = ModelsApp.Succeed("export", "credit-mlp", "--checkpoint", model, "--out", exported);
        Assert.Contains($"checkpoint: {checkpoint} (epoch ", export.StandardOutput);
        TorchNative.EnsureLoaded();
        using (var fromFile = new CreditMlp())
        using (var fromCheckpoint = new CreditMlp())
        {
            WeightExport.LoadSafetensors(fromFile, exported);
            CheckpointStore.LoadWeights(CheckpointStore.Resolve(checkpoint), fromCheckpoint, CreditMlp.SpecHash);
            var expected = fromCheckpoint.state_dict();
            foreach (var (name, tensor) in fromFile.state_dict())
                Assert.True(tensor.eq(expected[name]).all().item<bool>(), $"{name} differs from the checkpoint's");
        }
        ProcessResult badFormat = ModelsApp.Run("export", "credit-mlp", "--checkpoint", model, "--out", Path.Combine(runs, "credit.onnx"));
        Assert.Equal(2, badFormat.ExitCode);
        Assert.Contains("should end in .safetensors, .pt or .pth", badFormat.StandardError);

        // --resume continues the newest version in place, and says so when its epochs are already done.
        ProcessResult resumed = ModelsApp.Succeed("train", "credit-mlp", "--epochs", "3", "--out", runs, "--resume", "--device", "cpu");
        Assert.Contains("resume: continuing after epoch 2", resumed.StandardOutput);
        Assert.Equal(4, File.ReadAllLines(Path.Combine(model, "version_1", "history.csv")).Length);
        Assert.False(Directory.Exists(Path.Combine(model, "version_2")));
        ProcessResult done = ModelsApp.Run("train", "credit-mlp", "--epochs", "3", "--out", runs, "--resume", "--device", "cpu");
        Assert.Equal(2, done.ExitCode);
        Assert.Contains("has already completed 3 epoch(s) and 3 were asked for", done.StandardError);
        Assert.DoesNotContain("test roc_auc", done.StandardOutput);
    }

    [Fact]
    public void A_damaged_checkpoint_is_named_when_passed_over_and_refused_when_named()
    {
        string runs = ModelsApp.TempFolder();
        string model = Path.Combine(runs, "credit-mlp");
        JsonElement trained = ModelsApp.LastJson(ModelsApp.Succeed("train", "credit-mlp", "--epochs", "2", "--out", runs, "--json", "--device", "cpu"));
        string reported = trained.GetProperty("checkpoint").GetString()!;
        string weights = Path.Combine(reported, "weights.bin");
        File.AppendAllText(weights, "x");

        // Given explicitly, a damaged checkpoint is a usage error naming the file.
        ProcessResult named = ModelsApp.Run("evaluate", "credit-mlp", "--checkpoint", reported);
        Assert.Equal(2, named.ExitCode);
        Assert.Contains($"'{weights}' does not match its checksum", named.StandardError);

        // Through the run folder, the damaged one is passed over with a warning naming the file, and the one used is named.
        string other = Directory.GetDirectories(Path.Combine(model, "version_0", "checkpoints")).Single(d => d != reported);
        ProcessResult fallback = ModelsApp.Succeed("predict", "credit-mlp", "--checkpoint", model, "--input", WriteApplicants(runs));
        Assert.Contains("warning: ", fallback.StandardError);
        Assert.Contains(weights, fallback.StandardError);
        Assert.Contains($"checkpoint: {other} (epoch ", fallback.StandardError);
        Assert.StartsWith("row,probability_of_default", fallback.StandardOutput);
    }

    [Fact]
    public void A_run_that_fails_before_its_first_checkpoint_leaves_no_version_behind()
    {
        string runs = ModelsApp.TempFolder();
        string data = Path.Combine(runs, "header-only.csv");
        File.WriteAllText(data, "Income,LoanAmount,DebtToIncome,CreditHistoryYears,LatePayments,Home,Purpose,HasCoSigner,ApplicationDayOfWeek,NoiseScore,Defaulted\n");
        ProcessResult failed = ModelsApp.Run("train", "credit-mlp", "--data", data, "--out", runs, "--device", "cpu");
        Assert.Equal(3, failed.ExitCode);
        Assert.Empty(Directory.GetDirectories(Path.Combine(runs, "credit-mlp")));
        Assert.False(File.Exists(Path.Combine(runs, "credit-mlp", "latest-version")));
    }

    private static string WriteApplicants(string folder)
    {
        string input = Path.Combine(folder, "applicants.csv");
        File.WriteAllLines(input,
        [
            "Income,LoanAmount,DebtToIncome,CreditHistoryYears,LatePayments,Home,Purpose,HasCoSigner,ApplicationDayOfWeek,NoiseScore",
            "60000,10000,0.10,20,0,Own,Car,true,2,50",
        ]);
        return input;
    }
}
