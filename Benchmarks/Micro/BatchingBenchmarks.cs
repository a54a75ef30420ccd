using BenchmarkDotNet.Attributes;
using ModelDsl.Data;
using TorchSharp;

namespace ModelDsl.Benchmarks.Micro;

/// <summary>One shuffled epoch of batches over the same in-memory tensors: <see cref="BatchLoader"/> against TorchSharp's <c>DataLoader</c>.</summary>
[MemoryDiagnoser]
public class BatchingBenchmarks
{
    private InMemoryDataset _data = null!;
    private int _epoch;

    /// <summary>Examples per batch.</summary>
    [Params(32, 512)]
    public int BatchSize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        Devices.TorchNative.EnsureLoaded();
        (_data, _) = BenchmarkData.Images(3200);
    }

    [GlobalCleanup]
    public void Cleanup() => _data.Dispose();

    [Benchmark(Baseline = true, Description = "TorchSharp DataLoader")]
    public long TorchDataLoader()
    {
        long rows = 0;
        using var dataset = torch.utils.data.TensorDataset(_data.Features, _data.Labels);
        using var loader = torch.utils.data.DataLoader(dataset, BatchSize, shuffle: true, seed: ++_epoch, disposeDataset: false);
        foreach (var batch in loader)
        {
            using var scope = torch.NewDisposeScope();
            rows += batch[0].shape[0];
        }
        return rows;
    }

    [Benchmark(Description = "ModelDsl BatchLoader")]
    public long ModelDslBatchLoader()
    {
        long rows = 0;
        using var loader = new BatchLoader(_data, BatchSize, torch.CPU, shuffle: true, seed: 42);
        foreach (var (features, labels) in loader.Batches(++_epoch))
        {
            rows += features.shape[0];
            features.Dispose();
            labels.Dispose();
        }
        return rows;
    }
}
