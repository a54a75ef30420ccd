using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using ModelDsl.Tests.Support;
using TorchSharp;

namespace ModelDsl.Tests.EndToEnd;

/// <summary>
/// Issue 20 end to end, through the CLI and torchrun as a user runs them: export the twin and the data, train 2 epochs
/// with 2 gloo processes on the CPU, and evaluate the result in .NET, which must give the test figures the Python side
/// printed. Skips where Debian's python3-torch (torchrun) is absent.
/// </summary>
public sealed class TorchrunCommandLineTests
{
    private const string Torchrun = "/usr/bin/torchrun";

    private const string FashionData = "/usr/share/datasets/fashion-mnist";

    [SkippableFact]
    public void Credit_mlp_trains_under_torchrun_and_evaluates_in_dotnet_to_the_figures_python_printed()
    {
        Skip.If(PythonTorch.MissingReason is not null || !File.Exists(Torchrun), PythonTorch.MissingReason ?? "no torchrun");
        using var folder = new TemporaryFolder();
        TrainAndCompare("credit-mlp", folder.Path, [], resume: true);
    }

    [SkippableFact]
    public void Price_lstm_with_its_price_scaling_trains_under_torchrun_and_evaluates_in_dotnet_to_the_figures_python_printed()
    {
        Skip.If(PythonTorch.MissingReason is not null || !File.Exists(Torchrun), PythonTorch.MissingReason ?? "no torchrun");
        using var folder = new TemporaryFolder();
        TrainAndCompare("price-lstm", folder.Path, []);
        Assert.True(File.Exists(Path.Combine(folder.Path, "run", "model.safetensors.checkpoint", "epoch-0000", "price-scaling.json")));
    }

    [Fact]
    public void Export_data_of_credit_text_writes_both_inputs_under_their_names_with_the_fitted_featurizer()
    {
        using var folder = new TemporaryFolder();
        string data = Path.Combine(folder.Path, "data");
        ModelsApp.Succeed("export-data", "credit-text", "--out", data);
        using JsonDocument manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(data, "data.json")));
        Assert.Equal(["features.json", "run.json"], manifest.RootElement.GetProperty("extra_files").EnumerateArray().Select(e => e.GetString()));
        string testShard = manifest.RootElement.GetProperty("splits").GetProperty("test")[0].GetString()!;
        IReadOnlyDictionary<string, long[]> shapes = ModelDsl.Checkpoints.WeightExport.ReadSafetensorsShapes(Path.Combine(data, testShard));
        // 6,000 applicants, the last 15 % tested: the 16 featurized record columns and 32 GPT-2 token ids each.
        Assert.Equal([900L, 16], shapes["applicant"]);
        Assert.Equal([900L, 32], shapes["statement"]);
        Assert.Equal([900L], shapes["labels"]);
    }

    [SkippableFact]
    public void Fashion_cnn_trains_under_torchrun_on_a_subset_and_evaluates_in_dotnet_to_the_figures_python_printed()
    {
        Skip.If(PythonTorch.MissingReason is not null || !File.Exists(Torchrun), PythonTorch.MissingReason ?? "no torchrun");
        Skip.IfNot(File.Exists(Path.Combine(FashionData, "train-images-idx3-ubyte.gz")), "dataset-fashion-mnist is not installed");
        using var folder = new TemporaryFolder();
        // 1,500 training images (1,350 train, 150 validate) and 300 test images keep both epochs to seconds.
        string subset = Path.Combine(folder.Path, "fashion");
        Directory.CreateDirectory(subset);
        foreach ((string split, int count) in new[] { ("train", 1500), ("t10k", 300) })
            foreach (string kind in new[] { "images-idx3-ubyte", "labels-idx1-ubyte" })
                WriteIdxPrefix(Path.Combine(FashionData, $"{split}-{kind}.gz"), Path.Combine(subset, $"{split}-{kind}"), count);
        TrainAndCompare("fashion-cnn", folder.Path, ["--data", subset]);

        // The same weights for another architecture are refused, naming the first tensor and both shapes.
        string wrong = Path.Combine(folder.Path, "wrong.safetensors");
        Dictionary<string, torch.Tensor> weights = TorchSharp.PyBridge.Safetensors.LoadStateDict(Path.Combine(folder.Path, "run", "model.safetensors"));
        weights["conv2d_1.weight"] = torch.zeros(16, 1, 3, 3);
        TorchSharp.PyBridge.Safetensors.SaveStateDict(wrong, weights);
        ProcessResult refused = ModelsApp.Run("evaluate", "fashion-cnn", "--checkpoint", wrong, "--data", subset);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("'conv2d_1.weight' has shape [16, 1, 3, 3] in the file but [32, 1, 3, 3] in the model", refused.StandardError);
    }

    /// <summary>
    /// export + export-data, torchrun for 2 epochs (with <paramref name="resume"/>: 1 epoch, then --resume to 2, which must
    /// continue at epoch 2), then evaluate --checkpoint on the run's weights.
    /// </summary>
    private static void TrainAndCompare(string model, string folder, string[] data, bool resume = false)
    {
        string twin = Path.Combine(folder, "twin"), shards = Path.Combine(folder, "data"), run = Path.Combine(folder, "run");
        ModelsApp.Succeed("export", model, "--format", "pytorch", "--out", twin);
        ModelsApp.Succeed(["export-data", model, .. data, "--out", shards]);

        List<JsonElement> records = resume ? [.. Torchrun2(twin, shards, run, "1"), .. Torchrun2(twin, shards, run, "2", "--resume")] : Torchrun2(twin, shards, run, "2");
        JsonElement[] epochs = records.Where(r => r.TryGetProperty("epoch", out _)).ToArray();
        Assert.Equal([1, 2], epochs.Select(e => e.GetProperty("epoch").GetInt32()));
        Assert.True(epochs[1].GetProperty("loss").GetDouble() < epochs[0].GetProperty("loss").GetDouble(), string.Join("\n", epochs));
        JsonElement test = records.Last(r => r.TryGetProperty("split", out _));

        ProcessResult evaluated = ModelsApp.Succeed(["evaluate", model, "--checkpoint", Path.Combine(run, "model.safetensors"), .. data, "--json"]);
        JsonElement metrics = ModelsApp.LastJson(evaluated).GetProperty("metrics");
        foreach (string figure in new[] { "loss", "accuracy" })
        {
            double python = test.GetProperty("test_" + figure).GetDouble(), dotnet = metrics.GetProperty(figure).GetDouble();
            Assert.True(Math.Abs(python - dotnet) <= 1e-4,
                $"{model} test {figure}: PyTorch {python.ToString(CultureInfo.InvariantCulture)} vs .NET {dotnet.ToString(CultureInfo.InvariantCulture)}\n{evaluated.Combined}");
        }
    }

    /// <summary>Runs the entry point with 2 gloo processes; returns the JSON records rank 0 printed.</summary>
    private static List<JsonElement> Torchrun2(string twin, string shards, string run, string epochs, params string[] more)
    {
        ProcessResult trained = ProcessRunner.Run(Torchrun,
            ["--standalone", "--nproc_per_node=2", "--redirects", "1", "--tee", "1", Path.Combine(twin, "modeldsl_train.py"), "--data", shards, "--out", run, "--epochs", epochs, .. more],
            timeout: TimeSpan.FromMinutes(5));
        Assert.True(trained.ExitCode == 0, trained.Combined);
        // torchrun prefixes each rank's lines with [defaultN]:; rank 0 prints the records.
        return trained.StandardOutput.Split('\n')
            .Where(line => line.StartsWith("[default0]:{", StringComparison.Ordinal))
            .Select(line => JsonDocument.Parse(line["[default0]:".Length..]).RootElement).ToList();
    }

    /// <summary>Copies the first <paramref name="count"/> items of a gzipped IDX file into an uncompressed one.</summary>
    private static void WriteIdxPrefix(string source, string target, int count)
    {
        using var input = new GZipStream(File.OpenRead(source), CompressionMode.Decompress);
        byte[] magic = new byte[4];
        input.ReadExactly(magic);
        int dimensions = magic[3];
        byte[] sizes = new byte[4 * dimensions];
        input.ReadExactly(sizes);
        long itemBytes = 1;
        for (int d = 1; d < dimensions; d++)
            itemBytes *= BinaryPrimitives.ReadInt32BigEndian(sizes.AsSpan(4 * d));
        BinaryPrimitives.WriteInt32BigEndian(sizes, count);
        byte[] items = new byte[itemBytes * count];
        input.ReadExactly(items);
        using FileStream output = File.Create(target);
        output.Write(magic);
        output.Write(sizes);
        output.Write(items);
    }
}
