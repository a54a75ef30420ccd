using System.Buffers.Binary;
using System.Globalization;
using System.Text.RegularExpressions;
using ModelDsl.Checkpoints;
using ModelDsl.Models.Data;
using ModelDsl.Models.Declarations;
using ModelDsl.Tests.Support;
using ModelDsl.Training;
using TorchSharp;

namespace ModelDsl.Tests.EndToEnd;

/// <summary>
/// <c>predict --onnx</c> for the models that do not read a record alone (images, a price series, token ids, a record with
/// a statement), driven as processes: a checkpoint of the seeded initial weights (written here, so no test trains),
/// exported with <c>export --format onnx</c>, prints what <c>predict --checkpoint</c> prints on the same input, every
/// figure within 1e-4; the image and text runs load ONNX Runtime and no libtorch (glibc's LD_DEBUG trace).
/// </summary>
public sealed partial class OnnxPredictCommandLineTests
{
    [SkippableFact]
    public void Fashion_cnn_predicts_the_checkpoints_classes_from_its_onnx_file_without_libtorch_and_refuses_it_as_fashion_resnet()
    {
        using var folder = new TemporaryFolder();
        using FashionCnnTrainer trainer = FashionCnnTrainer.Create(FashionCnnTrainer.DefaultOptions with { Device = "cpu" });
        string checkpoint = Checkpoint(trainer, folder.Path);
        string images = Path.Combine(folder.Path, "images-idx3-ubyte");
        WriteImages(images, count: 6, seed: 3);

        (string onnx, string[] libraries) = ExportAndCompare("fashion-cnn", checkpoint, images, folder.Path, rows: 6);
        Assert.StartsWith("index,class,label,probability", File.ReadAllText(Path.Combine(folder.Path, "onnx.txt")));
        RequireNoLibtorch(libraries);

        // Another architecture reading the same images: refused before the images are read, naming both models and hashes.
        ProcessResult wrong = ModelsApp.Run("predict", "fashion-resnet", "--onnx", onnx, "--input", images);
        Assert.Equal(2, wrong.ExitCode);
        Assert.Contains("was exported from another architecture than fashion-resnet", wrong.StandardError);
        Assert.Contains($"its spec hash is '{FashionCnn.SpecHash}', fashion-resnet's is '{FashionResnet.SpecHash}'", wrong.StandardError);
        Assert.Contains("The file holds ModelDsl.Models.Declarations.FashionCnn.", wrong.StandardError);
        Assert.DoesNotContain("   at ", wrong.Combined);
    }

    [Fact]
    public void Price_lstm_forecasts_from_its_onnx_file_with_the_price_scaling_the_file_carries()
    {
        using var folder = new TemporaryFolder();
        using PriceLstmTrainer trainer = PriceLstmTrainer.Create(PriceLstmTrainer.DefaultOptions with { Device = "cpu" });
        // A scaling fitted on another market than the one forecast: a prediction that ignored it would differ.
        byte[] scaling;
        using (PriceWindows.Splits fitted = PriceWindows.Build(MarketSimulator.Simulate(400, seed: 5)))
            scaling = fitted.Scaling.ToJson();
        string checkpoint = Checkpoint(trainer, folder.Path, new Dictionary<string, byte[]> { ["price-scaling.json"] = scaling });
        string prices = Path.Combine(folder.Path, "prices.csv");
        double[] closes = MarketSimulator.Simulate(90, seed: 6);
        File.WriteAllLines(prices, ["date,close", .. closes.Select((c, i) => FormattableString.Invariant($"{new DateTime(2021, 1, 1).AddDays(i):yyyy-MM-dd},{c}"))]);

        ExportAndCompare("price-lstm", checkpoint, prices, folder.Path, rows: 1);
        Assert.StartsWith("P(up next day) = ", File.ReadAllText(Path.Combine(folder.Path, "onnx.txt")));

        // The module's own export has the graph but not the scaling; a file that is not ONNX at all is refused too.
        string bare = Path.Combine(folder.Path, "bare.onnx");
        trainer.Model.ExportOnnx(bare);
        ProcessResult withoutScaling = ModelsApp.Run("predict", "price-lstm", "--onnx", bare, "--input", prices);
        Assert.Equal(2, withoutScaling.ExitCode);
        Assert.Contains($"'{bare}' does not carry the checkpoint's price-scaling.json (metadata key modeldsl.file.price-scaling.json)", withoutScaling.StandardError);
        ProcessResult notOnnx = ModelsApp.Run("predict", "price-lstm", "--onnx", prices, "--input", prices);
        Assert.Equal(2, notOnnx.ExitCode);
        Assert.Contains($"'{prices}' is not an ONNX model ONNX Runtime can load", notOnnx.StandardError);
        Assert.DoesNotContain("   at ", withoutScaling.Combined + notOnnx.Combined);
    }

    [SkippableFact]
    public void News_transformer_predicts_the_checkpoints_sentiments_from_its_onnx_file_without_libtorch()
    {
        using var folder = new TemporaryFolder();
        using NewsTransformerTrainer trainer = NewsTransformerTrainer.Create(NewsTransformerTrainer.DefaultOptions with { Device = "cpu" });
        string checkpoint = Checkpoint(trainer, folder.Path);
        string sentences = Path.Combine(folder.Path, "sentences.txt");
        File.WriteAllLines(sentences,
        [
            "Operating profit rose to EUR 13.1 mn from EUR 8.7 mn in the corresponding period in 2007.",
            "The company's net sales fell by 20 percent, and it warned of \"further losses\".",
            "The annual general meeting will be held on 5 April.",
        ]);

        (_, string[] libraries) = ExportAndCompare("news-transformer", checkpoint, sentences, folder.Path, rows: 3);
        Assert.StartsWith("sentiment,probability,text", File.ReadAllText(Path.Combine(folder.Path, "onnx.txt")));
        RequireNoLibtorch(libraries);
    }

    [Fact]
    public void Credit_text_scores_records_with_statements_from_its_onnx_file_as_the_checkpoint_does()
    {
        using var folder = new TemporaryFolder();
        using CreditTextTrainer trainer = CreditTextTrainer.Create(CreditTextTrainer.DefaultOptions with { Device = "cpu" });
        trainer.FitFeaturizer(CreditTextData.Generate(300, seed: 2).Applicants);
        string checkpoint = Checkpoint(trainer, folder.Path, trainer.CheckpointFiles());
        string applicants = Path.Combine(folder.Path, "applicants.csv");
        File.WriteAllLines(applicants,
        [
            "Income,LoanAmount,DebtToIncome,CreditHistoryYears,LatePayments,Home,Purpose,HasCoSigner,ApplicationDayOfWeek,NoiseScore,Statement",
            "60000,10000,0.10,20,0,Own,Car,true,2,50,I am replacing my old car for the commute",
            "40000,30000,0.55,1,5,Rent,Vacation,false,2,50,I need the money quickly to cover some gambling debts",
            "52000,18000,0.30,6,1,Mortgage,Business,false,5,20,Expanding my bakery with a second oven",
        ]);

        ExportAndCompare("credit-text", checkpoint, applicants, folder.Path, rows: 3);
        Assert.StartsWith("row,probability_of_default", File.ReadAllText(Path.Combine(folder.Path, "onnx.txt")));
    }

    /// <summary>
    /// Exports <paramref name="checkpoint"/> as ONNX, predicts <paramref name="input"/> from both (the ONNX run traced, its
    /// output kept in <c>onnx.txt</c>) and requires the same text with every figure within 1e-4; returns the file and the
    /// libraries the ONNX run initialised.
    /// </summary>
    internal static (string Onnx, string[] Libraries) ExportAndCompare(string model, string checkpoint, string input, string folder, int rows)
    {
        string onnx = Path.Combine(folder, model + ".onnx");
        ModelsApp.Succeed("export", model, "--checkpoint", checkpoint, "--format", "onnx", "--out", onnx);
        ProcessResult fromCheckpoint = ModelsApp.Succeed("predict", model, "--checkpoint", checkpoint, "--input", input);
        (ProcessResult fromOnnx, string[] libraries) = LibraryTrace.Run(folder, model, "predict", model, "--onnx", onnx, "--input", input);
        File.WriteAllText(Path.Combine(folder, "onnx.txt"), fromOnnx.StandardOutput);

        string[] expected = Lines(fromCheckpoint), actual = Lines(fromOnnx);
        Assert.Equal(rows, expected.Count(l => Figure().IsMatch(l)));
        Assert.Equal(expected.Select(l => Figure().Replace(l, "#")), actual.Select(l => Figure().Replace(l, "#")));
        for (int line = 0; line < expected.Length; line++)
        {
            double[] want = Figures(expected[line]), got = Figures(actual[line]);
            for (int i = 0; i < want.Length; i++)
                Assert.True(Math.Abs(want[i] - got[i]) <= 1e-4 + 1e-9, $"{model}, line {line + 1}: checkpoint '{expected[line]}', ONNX '{actual[line]}'");
        }
        return (onnx, libraries);
    }

    /// <summary>Requires the trace to show ONNX Runtime and nothing of torch (skips where there is no glibc trace).</summary>
    internal static void RequireNoLibtorch(string[] libraries)
    {
        Skip.If(libraries.Length == 0, "no LD_DEBUG trace (not glibc): cannot see which libraries the process loaded");
        Assert.Contains(libraries, l => l.Contains("libonnxruntime", StringComparison.Ordinal));
        Assert.DoesNotContain(libraries, l => l.Contains("torch", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>A checkpoint of the trainer's current (seeded, untrained) weights in a run folder under <paramref name="folder"/>.</summary>
    private static string Checkpoint<TModel>(ModelTrainer<TModel> trainer, string folder, IReadOnlyDictionary<string, byte[]>? files = null)
        where TModel : torch.nn.Module =>
        new CheckpointStore(Path.Combine(folder, "run", "checkpoints")).Save(trainer.Model, trainer.Model.GetName(), trainer.SpecHash, null,
            new TrainerSnapshot(1, 0, double.NaN, 0, [], []), files);

    /// <summary>An IDX file of <paramref name="count"/> 28×28 images of seeded random pixels.</summary>
    private static void WriteImages(string path, int count, int seed)
    {
        byte[] header = new byte[16];
        BinaryPrimitives.WriteInt32BigEndian(header, 0x0803);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), count);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(8), 28);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(12), 28);
        byte[] pixels = new byte[count * 28 * 28];
        new Random(seed).NextBytes(pixels);
        File.WriteAllBytes(path, [.. header, .. pixels]);
    }

    private static string[] Lines(ProcessResult result) =>
        result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static double[] Figures(string line) =>
        Figure().Matches(line).Select(m => double.Parse(m.Value, CultureInfo.InvariantCulture)).ToArray();

    /// <summary>A printed probability or forecast: the F4 figures predict writes.</summary>
    [GeneratedRegex(@"\b\d+\.\d{4}\b")]
    private static partial Regex Figure();
}
