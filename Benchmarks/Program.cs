using System.Diagnostics;
using ModelDsl.Benchmarks;
using ModelDsl.Data;
using ModelDsl.Devices;
using ModelDsl.Models.Declarations;
using ModelDsl.Training;
using TorchSharp;

// Two throughput ratios from issue 5, each measured in this one run on the same data (never absolute times):
//   1. generated FashionCnnTrainer.Fit ÷ a hand-written TorchSharp loop for the same model (target ≥ 0.97)
//   2. ModelDsl BatchLoader ÷ TorchSharp's DataLoader over the same in-memory tensors (target ≥ 5)
// Usage: dotnet run -c Release --project Benchmarks [-- --examples N --repeats R]
//        dotnet run -c Release --project Benchmarks -- micro [BenchmarkDotNet arguments, e.g. --filter '*']
if (args.FirstOrDefault() == "micro")
{
    ModelDsl.Benchmarks.Micro.MicroBenchmarks.Run(args[1..]);
    return;
}

TorchNative.EnsureLoaded();
int examples = ArgumentValue(args, "--examples", 6400);
int repeats = ArgumentValue(args, "--repeats", 3);

var (data, source) = BenchmarkData.Load(examples);
using (data)
{
    Console.WriteLine($"data: {data.Count} examples of {source}; batch {BatchSizeOf()}; torch threads {torch.get_num_threads()}; best of {repeats}");

    // Warm up both paths (JIT, libtorch kernels, allocator) on a slice, then alternate the timed runs.
    using (var warm = data.Slice(0, Math.Min(640, data.Count)))
    {
        TrainGenerated(warm);
        HandWrittenLoop.Train(warm, BatchSizeOf(), 1, 42);
    }
    double generated = 0, handWritten = 0;
    for (int r = 0; r < repeats; r++)
    {
        generated = Math.Max(generated, Throughput(() => TrainGenerated(data), data.Count));
        handWritten = Math.Max(handWritten, Throughput(() => HandWrittenLoop.Train(data, BatchSizeOf(), 1, 42), data.Count));
    }
    Console.WriteLine($"training  generated trainer {generated,10:F0} ex/s   hand-written loop {handWritten,10:F0} ex/s");
    Console.WriteLine($"RATIO generated-trainer / hand-written-loop = {generated / handWritten:F3} (target >= 0.97)");

    double ours = 0, theirs = 0;
    for (int r = 0; r < repeats; r++)
    {
        ours = Math.Max(ours, Throughput(() => IterateBatchLoader(data), data.Count));
        theirs = Math.Max(theirs, Throughput(() => IterateTorchDataLoader(data), data.Count));
    }
    Console.WriteLine($"loading   ModelDsl BatchLoader {ours,10:F0} ex/s   TorchSharp DataLoader {theirs,10:F0} ex/s");
    Console.WriteLine($"RATIO ModelDsl-loader / TorchSharp-DataLoader = {ours / theirs:F1} (target >= 5)");
}

static void TrainGenerated(InMemoryDataset data)
{
    var options = FashionCnnTrainer.DefaultOptions with { Epochs = 1, BatchSize = BatchSizeOf(), Device = "cpu", Monitor = "loss" };
    using var trainer = FashionCnnTrainer.Create(options);
    trainer.Fit(data);
}

// The seed CNN's declared batch size, used by every measurement.
static int BatchSizeOf() => 32;

static void IterateBatchLoader(InMemoryDataset data)
{
    using var loader = new BatchLoader(data, BatchSizeOf(), torch.CPU, shuffle: true, seed: 42);
    using var order = loader.EpochOrder(1);
    for (long b = 0; b < loader.BatchesPerEpoch; b++)
    {
        using var scope = torch.NewDisposeScope();
        var (features, labels) = loader.Batch(order, b);
        Consume(features, labels);
    }
}

static void IterateTorchDataLoader(InMemoryDataset data)
{
    // disposeDataset: false — the tensors belong to the benchmark's dataset.
    using var dataset = torch.utils.data.TensorDataset(data.Features, data.Labels);
    using var loader = torch.utils.data.DataLoader(dataset, BatchSizeOf(), shuffle: true, seed: 42, disposeDataset: false);
    foreach (var batch in loader)
    {
        using var scope = torch.NewDisposeScope();
        Consume(batch[0], batch[1]);
    }
}

static void Consume(torch.Tensor features, torch.Tensor labels)
{
    // Touch the batch so neither side can skip materialising it.
    if (features.shape[0] != labels.shape[0])
        throw new InvalidOperationException("features and labels disagree");
}

static double Throughput(Action run, long count)
{
    GC.Collect();
    var clock = Stopwatch.StartNew();
    run();
    return count / clock.Elapsed.TotalSeconds;
}

static int ArgumentValue(string[] args, string name, int fallback)
{
    int at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], out int value) && value > 0 ? value : fallback;
}
