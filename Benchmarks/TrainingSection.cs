using System.Globalization;
using ModelDsl.Data;
using TorchSharp;

namespace ModelDsl.Benchmarks;

/// <summary>Section 1: generated trainer ÷ hand-written TorchSharp loop, one epoch each, alternating; the median of the run pairs.</summary>
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

    /// <summary>Timed runs per side for <paramref name="c"/>: <c>--repeats</c>, at most a fine-tuning case's own limit.</summary>
    public static int Repeats(BenchmarkOptions options, TrainingCase c) => Math.Min(options.Repeats, c.FineTuning?.MaxRepeats ?? int.MaxValue);

    private static string Join(double[] runs) => string.Join(" ", runs.Select(r => r.ToString(r < 100 ? "F1" : "F0", CultureInfo.InvariantCulture)));

    private TrainingMeasurement Measure(TrainingCase c, InMemoryDataset data)
    {
        // Warm up both paths (JIT, libtorch kernels, allocator) on a slice before timing.
        using (InMemoryDataset warm = data.Slice(0, Math.Min(Math.Max(640, 2 * c.Batch), data.Count)))
        {
            c.TrainGenerated(warm, device);
            c.HandWritten.Train(warm, c.Batch, 1, 42, device);
        }
        (double[] generatedRuns, double[] handWrittenRuns) = ThroughputTimer.Alternating(Repeats(options, c), data.Count, device,
            () => c.TrainGenerated(data, device),
            () => c.HandWritten.Train(data, c.Batch, 1, 42, device));
        double generated = generatedRuns.Max(), handWritten = handWrittenRuns.Max();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"training {c.Name,-12} batch {c.Batch,4}: generated trainer {generated,9:F1} ex/s   hand-written loop {handWritten,9:F1} ex/s"));
        // Every run is shown, so a reader can see how far the machine's noise moves a best-of figure.
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  each run (ex/s, in order): generated {Join(generatedRuns)}   hand-written {Join(handWrittenRuns)}"));
        // The headline is the median over run pairs: on a shared VM single runs are both slowed and (less often) sped up
        // by 15–30 %, so a best-of ratio swings with whichever side caught a fast moment; the median of pairs does not.
        double[] pairRatios = generatedRuns.Zip(handWrittenRuns, (g, h) => g / h).Order().ToArray();
        report.Ratio($"{c.Name} generated / hand-written", pairRatios[pairRatios.Length / 2],
            "generated trainer ÷ hand-written TorchSharp loop, median of alternating run pairs", ">= 0.97");
        report.Ratio($"{c.Name} best / best", generated / handWritten, "the same, fastest run ÷ fastest run");
        return new TrainingMeasurement(c, generated, handWritten);
    }
}
