using ModelDsl.Tests.Support;

namespace ModelDsl.Tests.EndToEnd;

/// <summary>
/// <c>export --format onnx</c> and <c>predict --onnx</c> driven as processes: the ONNX file scores the applicants as the
/// checkpoint does, its process loads ONNX Runtime and no libtorch (seen in glibc's LD_DEBUG trace of every shared library
/// the process loads, which for the checkpoint path does list libtorch), and the wrong model's checkpoint or file is
/// refused with one error line.
/// </summary>
public sealed class OnnxCommandLineTests
{
    private static readonly string[] Applicants =
    [
        "Income,LoanAmount,DebtToIncome,CreditHistoryYears,LatePayments,Home,Purpose,HasCoSigner,ApplicationDayOfWeek,NoiseScore",
        "60000,10000,0.10,20,0,Own,Car,true,2,50",
        "40000,30000,0.55,1,5,Rent,Vacation,false,2,50",
        "52000,18000,0.30,6,1,Mortgage,Business,false,5,20",
    ];

    [SkippableFact]
    public void Predict_from_an_exported_onnx_file_matches_the_checkpoint_and_loads_no_libtorch()
    {
        string folder = ModelsApp.TempFolder();
        string checkpoint = ModelsApp.LastJson(ModelsApp.Succeed("train", "credit-mlp", "--epochs", "1", "--out", folder, "--json", "--device", "cpu"))
            .GetProperty("checkpoint").GetString()!;
        string onnx = Path.Combine(folder, "credit.onnx"), input = Path.Combine(folder, "applicants.csv");
        File.WriteAllLines(input, Applicants);
        ProcessResult export = ModelsApp.Succeed("export", "credit-mlp", "--checkpoint", checkpoint, "--format", "onnx", "--out", onnx);
        Assert.Contains("exported: " + onnx, export.StandardOutput);

        (ProcessResult fromCheckpoint, string[] checkpointLibraries) = LibraryTrace.Run(folder, "checkpoint", "predict", "credit-mlp", "--checkpoint", checkpoint, "--input", input);
        (ProcessResult fromOnnx, string[] onnxLibraries) = LibraryTrace.Run(folder, "onnx", "predict", "credit-mlp", "--onnx", onnx, "--input", input);
        string[] expected = Rows(fromCheckpoint);
        Assert.Equal(4, expected.Length);
        Assert.Equal(expected, Rows(fromOnnx));

        Skip.If(checkpointLibraries.Length == 0, "no LD_DEBUG trace (not glibc): cannot see which libraries the process loaded");
        Assert.Contains(checkpointLibraries, l => l.Contains("libtorch", StringComparison.Ordinal));
        Assert.Contains(onnxLibraries, l => l.Contains("libonnxruntime", StringComparison.Ordinal));
        Assert.DoesNotContain(onnxLibraries, l => l.Contains("torch", StringComparison.OrdinalIgnoreCase));

        // The wrong model: its checkpoint cannot be exported as another model, and its file is refused by spec hash.
        ProcessResult wrongCheckpoint = ModelsApp.Run("export", "german-credit", "--checkpoint", checkpoint, "--format", "onnx", "--out", Path.Combine(folder, "g.onnx"));
        Assert.Equal(2, wrongCheckpoint.ExitCode);
        Assert.Contains("does not fit this model", wrongCheckpoint.StandardError);
        Assert.False(File.Exists(Path.Combine(folder, "g.onnx")));
        ProcessResult wrongFile = ModelsApp.Run("predict", "credit-default", "--onnx", onnx, "--input", input);
        Assert.Equal(2, wrongFile.ExitCode);
        Assert.Contains("was exported from another architecture than credit-default", wrongFile.StandardError);
        Assert.Contains("The file holds ModelDsl.Models.Declarations.CreditMlp.", wrongFile.StandardError);
        Assert.DoesNotContain("   at ", wrongFile.Combined);
    }

    /// <summary>The prediction rows (<c>n,probability</c>) of a predict run.</summary>
    private static string[] Rows(ProcessResult result) =>
        result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(l => (l.Length > 0 && char.IsDigit(l[0])) || l.StartsWith("row,", StringComparison.Ordinal)).ToArray();
}
