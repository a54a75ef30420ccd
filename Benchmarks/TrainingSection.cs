using System.Globalization;
using ModelDsl.Data;
using TorchSharp;

namespace ModelDsl.Benchmarks;

/// <summary>Section 1: generated trainer ÷ hand-written TorchSharp loop, one epoch each, alternating, best of the repeats.</summary>
internal sealed class TrainingSection(BenchmarkOptions options, torch.Device device, BenchmarkReport report)
{
    public IReadOnlyList<TrainingMeasurement> Run(IEnumerable<TrainingCase> cases)
    {
        var results = new List<TrainingMeasurement>();
        foreach (TrainingCase c in cases)
        {
            using InMemoryDataset data = c.CreateData(options.Examples);
            results.Add(Measure(c, data));
        }
        return results;
    }

    private TrainingMeasurement Measure(TrainingCase c, InMemoryDataset data)
    {
        // Warm up both paths (JIT, libtorch kernels, allocator) on a slice before timing.
        using (InMemoryDataset warm = data.Slice(0, Math.Min(Math.Max(640, 2 * c.Batch), data.Count)))
        {
            c.TrainGenerated(warm, device);
            c.HandWritten.Train(warm, c.Batch, 1, 42, device);
        }
        (double generated, double handWritten) = ThroughputTimer.BestOfAlternating(options.Repeats, data.Count, device,
            () => c.TrainGenerated(data, device),
            () => c.HandWritten.Train(data, c.Batch, 1, 42, device));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"training {c.Name,-12} batch {c.Batch,4}: generated trainer {generated,9:F0} ex/s   hand-written loop {handWritten,9:F0} ex/s"));
        report.Ratio($"{c.Name} generated / hand-written", generated / handWritten, "generated trainer ÷ hand-written TorchSharp loop", ">= 0.97");
        return new TrainingMeasurement(c, generated, handWritten);
    }
}
