using System.Text.Json;
using ModelDsl.Benchmarks;
using ModelDsl.Devices;
using ModelDsl.Tests.Support;
using TorchSharp;

namespace ModelDsl.Tests.Benchmarks;

/// <summary>
/// The data file the benchmark writes for pytorch_reference.py is read back by that script's own loader, in PyTorch,
/// with every bit equal: the ModelDsl ÷ PyTorch ratio really compares the same data.
/// </summary>
public sealed class BenchmarkTensorFileTests
{
    // Bit patterns that a lossy or misaligned path would change: -0, the smallest subnormal, NaN with payload, ±inf, 1/3.
    private static readonly int[] FloatBits = [unchecked((int)0x80000000), 0x00000001, 0x7FC00123, 0x7F800000, unchecked((int)0xFF800000), 0x3EAAAAAB];
    // Values outside 32 bits and negative ones: an int32 or sign mix-up would show.
    private static readonly long[] Labels = [long.MinValue, -1, 0, 1L << 40];

    [SkippableFact]
    public void PyTorch_reads_every_bit_the_benchmark_wrote()
    {
        TorchPython? python = TorchPython.Find(null, out List<string> reasons);
        Skip.If(python is null, "no Python with torch: " + string.Join("; ", reasons));
        TorchNative.EnsureLoaded();
        using var folder = new TemporaryFolder();
        float[] floats = FloatBits.Select(BitConverter.Int32BitsToSingle).ToArray();
        using (var features = torch.tensor(floats).reshape(2, 3))
        using (var labels = torch.tensor(Labels))
        using (var narrowLabels = labels.narrow(0, 0, 2))
            BenchmarkTensorFile.Write(folder.Path, new BenchmarkTensorFile.CaseHeader("probe", "seed_cnn", 32, "adam", 1e-3, 0, 0, 42),
                [("features", features), ("labels", labels), ("first_labels", narrowLabels)]);

        string script = Path.Combine(RepositoryPaths.Root, "Benchmarks");
        string reader = $$"""
            import json, sys
            sys.path.insert(0, {{JsonSerializer.Serialize(script)}})
            import pytorch_reference as r
            header, t = r.load_case({{JsonSerializer.Serialize(folder.Path)}}, "probe")
            print(json.dumps({"features_shape": list(t["features"].shape), "feature_bits": t["features"].view(-1).view(r.torch.int32).tolist(),
                              "labels": t["labels"].tolist(), "first_labels": t["first_labels"].tolist(), "batch": header["batch"]}))
            """;
        var (exitCode, output) = TorchPython.Run(python!.Executable, ["-c", reader], TimeSpan.FromMinutes(2));
        Assert.True(exitCode == 0, output);
        using var json = JsonDocument.Parse(output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last(l => l.StartsWith('{')));
        JsonElement root = json.RootElement;
        Assert.Equal([2, 3], root.GetProperty("features_shape").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(FloatBits, root.GetProperty("feature_bits").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(Labels, root.GetProperty("labels").EnumerateArray().Select(e => e.GetInt64()));
        Assert.Equal(Labels[..2], root.GetProperty("first_labels").EnumerateArray().Select(e => e.GetInt64()));
        Assert.Equal(32, root.GetProperty("batch").GetInt32());
    }
}
