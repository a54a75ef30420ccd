using ModelDsl.Tests.Support;

namespace ModelDsl.Tests.EndToEnd;

/// <summary>The exit codes the README promises (0 success, 1 failure, 2 usage, 3 data), driven as a process.</summary>
public sealed class ExitCodeTests
{
    [Fact]
    public void A_checkpoint_that_cannot_be_written_is_a_failure_not_a_usage_error()
    {
        // The newest run's checkpoints folder has a file where epoch 1's checkpoint folder must go, as a full disk or a
        // read-only folder would refuse it (permissions cannot be relied on here: tests may run as root).
        string runs = ModelsApp.TempFolder();
        string checkpoints = Path.Combine(runs, "credit-mlp", "version_0", "checkpoints");
        Directory.CreateDirectory(checkpoints);
        File.WriteAllText(Path.Combine(checkpoints, "epoch-0001"), "in the way");
        ProcessResult result = ModelsApp.Run("train", "credit-mlp", "--epochs", "1", "--resume", "--out", runs, "--device", "cpu");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"Could not write checkpoint file '{Path.Combine(checkpoints, "epoch-0001")}'", result.StandardError);
        Assert.DoesNotContain("   at ", result.Combined);
    }

    [Fact]
    public void A_learning_rate_too_large_for_libtorch_is_a_usage_error_before_any_data_is_read()
    {
        ProcessResult result = ModelsApp.Run("train", "credit-mlp", "--lr", "1e308", "--out", ModelsApp.TempFolder(), "--device", "cpu");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: --lr must be a positive number no larger than 3.4e+38, the largest 32-bit float (got 1e+308).", result.StandardError.Trim());
        Assert.DoesNotContain("data:", result.StandardOutput);
    }

    [Theory]
    [InlineData(new[] { "train", "credit-mlp", "--epoch", "3" }, "error: unknown option '--epoch' for 'train'; did you mean '--epochs'?")]
    [InlineData(new[] { "evaluate", "credit-mlp", "--checkpiont", "runs" }, "error: unknown option '--checkpiont' for 'evaluate'; did you mean '--checkpoint'?")]
    [InlineData(new[] { "trian", "credit-mlp" }, "error: unknown command 'trian'; did you mean 'train'?")]
    [InlineData(new[] { "train", "credit-mlp", "--colour" }, "error: unknown option '--colour' for 'train'.")]
    public void An_unknown_word_is_one_error_line_with_a_suggestion(string[] arguments, string expected)
    {
        ProcessResult result = ModelsApp.Run(arguments);
        Assert.Equal(2, result.ExitCode);
        string[] errors = result.StandardError.Split('\n').Where(l => l.StartsWith("error:", StringComparison.Ordinal)).ToArray();
        Assert.Equal(expected, Assert.Single(errors));
    }

    private const string CreditHeader = "Income,LoanAmount,DebtToIncome,CreditHistoryYears,LatePayments,Home,Purpose,HasCoSigner,ApplicationDayOfWeek,NoiseScore,Defaulted";

    [Fact]
    public void Bad_credit_data_is_exit_3_naming_file_line_and_column_before_any_epoch()
    {
        string folder = ModelsApp.TempFolder();
        string huge = Path.Combine(folder, "huge.csv");
        File.WriteAllLines(huge, [CreditHeader, .. Enumerable.Repeat("60000,10000,0.10,20,0,Own,Car,true,2,50,0", 3), "1e308,10000,0.10,20,0,Own,Car,true,2,50,1"]);
        ProcessResult overflow = ModelsApp.Run("train", "credit-mlp", "--data", huge, "--out", folder, "--device", "cpu");
        Assert.Equal(3, overflow.ExitCode);
        Assert.StartsWith($"error: {huge}:5: column 'Income' holds '1e308', which is too large", overflow.StandardError);
        Assert.DoesNotContain("epoch 1/", overflow.StandardOutput);

        string duplicate = Path.Combine(folder, "duplicate.csv");
        File.WriteAllLines(duplicate, [CreditHeader + ",Income", "60000,10000,0.10,20,0,Own,Car,true,2,50,0,1"]);
        ProcessResult twice = ModelsApp.Run("train", "credit-mlp", "--data", duplicate, "--out", folder, "--device", "cpu");
        Assert.Equal(3, twice.ExitCode);
        Assert.Contains($"{duplicate}:1: column 'Income' appears twice in the header (columns 1 and 12)", twice.StandardError);

        ProcessResult directory = ModelsApp.Run("train", "credit-mlp", "--data", folder, "--out", folder, "--device", "cpu");
        Assert.Equal(3, directory.ExitCode);
        Assert.Contains($"{folder}: is a folder; a CSV file is expected.", directory.StandardError);
    }

    [Fact]
    public void A_file_whose_test_split_has_one_class_says_so_instead_of_reporting_a_NaN_roc_auc()
    {
        string folder = ModelsApp.TempFolder();
        string small = Path.Combine(folder, "four.csv");
        File.WriteAllLines(small,
        [
            CreditHeader,
            "60000,10000,0.10,20,0,Own,Car,true,2,50,0",
            "40000,30000,0.55,1,5,Rent,Vacation,false,2,50,1",
            "61000,10000,0.10,20,0,Own,Car,true,2,50,0",
            "62000,10000,0.10,20,0,Own,Car,true,2,50,0",
        ]);
        ProcessResult result = ModelsApp.Run("train", "credit-mlp", "--data", small, "--out", folder, "--device", "cpu");
        Assert.Equal(3, result.ExitCode);
        Assert.Contains($"{small}: the validation split (data rows 3–3, the 70–85 % part of 4 rows) holds only applicants with Defaulted = 0, so its ROC AUC is undefined", result.StandardError);
        Assert.DoesNotContain("NaN", result.Combined);
    }
}
