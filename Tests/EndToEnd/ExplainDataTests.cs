using System.Globalization;
using ModelDsl.Models.Data;
using ModelDsl.Tests.Support;

namespace ModelDsl.Tests.EndToEnd;

/// <summary>Which data <c>explain</c> and <c>evaluate</c> read, and what integrated gradients are measured against, driven as a process.</summary>
public sealed class ExplainDataTests
{
    private const int Rows = 1000;

    [Fact]
    public void Explain_and_evaluate_of_a_file_trained_model_use_its_test_split_its_recorded_file_and_the_training_mean()
    {
        string folder = ModelsApp.TempFolder();
        // Every applicant rents and borrows for a car: Home and Purpose are constant, as many columns of a real file
        // mapped onto LoanApplication are.
        string data = Path.Combine(folder, "applicants.csv");
        WriteApplicants(data, seed: 11);
        System.Text.Json.JsonElement trained = ModelsApp.LastJson(ModelsApp.Succeed("train", "credit-mlp", "--data", data, "--epochs", "2",
            "--out", Path.Combine(folder, "runs"), "--json", "--device", "cpu"));
        string checkpoint = trained.GetProperty("checkpoint").GetString()!;

        // evaluate without --data: the recorded file's test split, so the figure is train's own test figure.
        ProcessResult evaluate = ModelsApp.Succeed("evaluate", "credit-mlp", "--checkpoint", checkpoint, "--json");
        Assert.Contains($"using the file the checkpoint was trained on, {data}", evaluate.StandardOutput);
        Assert.Equal(trained.GetProperty("metrics").GetProperty("roc_auc").GetDouble(),
            ModelsApp.LastJson(evaluate).GetProperty("metrics").GetProperty("roc_auc").GetDouble(), 6);

        // --data given: only the rows train held out (the last 15 %), and the output says which.
        ProcessResult given = ModelsApp.Succeed("explain", "credit-mlp", "--checkpoint", checkpoint, "--data", data, "--out", Path.Combine(folder, "given"));
        Assert.Contains($"held-out examples: data rows 851–1000 of {data} (the test split", given.StandardOutput);
        Assert.Contains("Permutation importance on 150 held-out examples", given.StandardOutput);

        // --data left out: the file the run trained on, not the generated applicants, with the same figures.
        ProcessResult recorded = ModelsApp.Succeed("explain", "credit-mlp", "--checkpoint", checkpoint, "--out", Path.Combine(folder, "recorded"));
        Assert.Contains($"using the file the checkpoint was trained on, {data}", recorded.StandardOutput);
        Assert.DoesNotContain("synthetic", recorded.StandardOutput);
        Assert.Equal(PermutationTable(given), PermutationTable(recorded));

        // The integrated-gradients header names the class, and constant fields get no credit against the training mean.
        Assert.Contains("contribution to the logit of 'default', against the mean of the 700 training inputs", given.StandardOutput);
        Assert.DoesNotContain("up or positive", given.StandardOutput);
        Dictionary<string, double> attributions = Attributions(given);
        Assert.Equal(0.0, attributions["Home"]);
        Assert.Equal(0.0, attributions["Purpose"]);
        Assert.Contains(attributions, a => a.Value != 0);

        // The recorded file gone: a clear refusal with the usage exit code, not an explanation of other data.
        File.Move(data, data + ".moved");
        ProcessResult gone = ModelsApp.Run("explain", "credit-mlp", "--checkpoint", checkpoint, "--out", Path.Combine(folder, "gone"));
        Assert.Equal(2, gone.ExitCode);
        Assert.Contains($"error: the checkpoint was trained on '{data}', which no longer exists; pass --data", gone.StandardError);
    }

    private static void WriteApplicants(string path, int seed)
    {
        (List<LoanApplication> applicants, List<int> defaulted) = ApplicantGenerator.Generate(Rows, seed);
        var lines = new List<string> { "Income,LoanAmount,DebtToIncome,CreditHistoryYears,LatePayments,Home,Purpose,HasCoSigner,ApplicationDayOfWeek,NoiseScore,Defaulted" };
        for (int i = 0; i < applicants.Count; i++)
        {
            LoanApplication a = applicants[i];
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"{a.Income},{a.LoanAmount},{a.DebtToIncome},{a.CreditHistoryYears},{a.LatePayments},Rent,Car,{a.HasCoSigner},{a.ApplicationDayOfWeek},{a.NoiseScore},{defaulted[i]}"));
        }
        File.WriteAllLines(path, lines);
    }

    /// <summary>The permutation table's lines: "feature  importance  ± std", ranked.</summary>
    private static string[] PermutationTable(ProcessResult explain) =>
        explain.StandardOutput.Split('\n').SkipWhile(l => !l.StartsWith("feature", StringComparison.Ordinal)).Skip(1)
            .TakeWhile(l => l.Trim().Length > 0).Select(l => l.TrimEnd()).ToArray();

    /// <summary>The integrated-gradients lines after their header: feature → contribution.</summary>
    private static Dictionary<string, double> Attributions(ProcessResult explain) =>
        explain.StandardOutput.Split('\n').SkipWhile(l => !l.StartsWith("Integrated gradients", StringComparison.Ordinal)).Skip(1)
            .TakeWhile(l => l.Trim().Length > 0 && !l.StartsWith("chart:", StringComparison.Ordinal))
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToDictionary(p => p[0], p => double.Parse(p[1], NumberStyles.Float, CultureInfo.InvariantCulture));
}
