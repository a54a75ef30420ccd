using System.Globalization;
using ModelDsl.Data;
using TorchSharp;

namespace ModelDsl.Benchmarks;

/// <summary>
/// Section 3: ModelDsl's loaders ÷ TorchSharp's <c>DataLoader</c> over the same images, one shuffled epoch of batches
/// each (every batch materialised, nothing trained). In memory: <see cref="BatchLoader"/> (on-device index_select).
/// Streaming: <see cref="PrefetchingBatchLoader"/> over a <see cref="StreamingDataset"/> that reads batches from the
/// in-memory tensors on a background thread.
/// </summary>
internal sealed class LoaderSection(BenchmarkOptions options, torch.Device device, BenchmarkReport report)
{
    private const int BatchSize = 32;

    public void Run()
    {
        var (data, source) = BenchmarkData.Images(options.Examples, options.FashionMnistFolder);
        using (data)
        {
            Console.WriteLine($"loader: {data.Count} examples of {source}, batch {BatchSize}");
            IterateBatchLoader(data);
            IterateStreaming(data);
            IterateTorchDataLoader(data);
            var (inMemory, torchSharp) = ThroughputTimer.BestOfAlternating(options.Repeats, data.Count, device,
                () => IterateBatchLoader(data), () => IterateTorchDataLoader(data));
            var (streaming, torchSharpAgain) = ThroughputTimer.BestOfAlternating(options.Repeats, data.Count, device,
                () => IterateStreaming(data), () => IterateTorchDataLoader(data));
            double dataLoader = Math.Max(torchSharp, torchSharpAgain);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"loader   BatchLoader {inMemory,10:F0} ex/s   PrefetchingBatchLoader {streaming,10:F0} ex/s   TorchSharp DataLoader {dataLoader,10:F0} ex/s"));
            report.Ratio("loader in-memory / DataLoader", inMemory / dataLoader, "BatchLoader ÷ TorchSharp DataLoader", ">= 5");
            report.Ratio("loader streaming / DataLoader", streaming / dataLoader, "PrefetchingBatchLoader(StreamingDataset) ÷ TorchSharp DataLoader", ">= 5");
        }
    }

    private void IterateBatchLoader(InMemoryDataset data)
    {
        using var loader = new BatchLoader(data, BatchSize, device, shuffle: true, seed: 42);
        Iterate(loader);
    }

    private void IterateStreaming(InMemoryDataset data) =>
        Iterate(new PrefetchingBatchLoader(StreamingDataset.Over(data), BatchSize, device, shuffle: true, seed: 42));

    /// <summary>One epoch through <see cref="IBatchSource.Batches"/>, the path <c>ModelTrainer.Fit</c> takes for both loaders.</summary>
    private static void Iterate(IBatchSource loader)
    {
        foreach (var (features, labels) in loader.Batches(1))
        {
            using (features)
            using (labels)
                Consume(features, labels);
        }
    }

    private void IterateTorchDataLoader(InMemoryDataset data)
    {
        // disposeDataset: false: the tensors belong to the benchmark's dataset.
        using var dataset = torch.utils.data.TensorDataset(data.Features, data.Labels);
        using var loader = torch.utils.data.DataLoader(dataset, BatchSize, shuffle: true, device: device, seed: 42, disposeDataset: false);
        foreach (var batch in loader)
        {
            using var scope = torch.NewDisposeScope();
            Consume(batch[0], batch[1]);
        }
    }

    private static void Consume(torch.Tensor features, torch.Tensor labels)
    {
        // Touch the batch so no side can skip materialising it.
        if (features.shape[0] != labels.shape[0])
            throw new InvalidOperationException("features and labels disagree");
    }
}
