using System.Diagnostics;
using System.Globalization;
using Microsoft.ML.OnnxRuntime;
using ModelDsl.Models.Data;
using ModelDsl.Models.Declarations;
using ModelDsl.Onnx;
using TorchSharp;

namespace ModelDsl.Benchmarks;

/// <summary>
/// Serving: the same model exported with <c>ExportOnnx</c> and run by ONNX Runtime ÷ TorchSharp's <c>Predict</c>, on the
/// CPU with the same thread count: single-record latency (p50, p99 over many calls, each from the raw record or image to
/// the probability, featurization included on both sides) and batch-256 throughput, for the credit model (credit-mlp, its
/// featurizer in the graph) and the seed CNN. Weights are random: speed does not depend on them.
/// </summary>
internal sealed class ServingSection(BenchmarkOptions options, BenchmarkReport report)
{
    private const int Batch = 256;

    public void Run()
    {
        int threads = torch.get_num_threads();
        int calls = Math.Clamp(options.Examples / 10, 200, 2000);
        DirectoryInfo folder = Directory.CreateTempSubdirectory("modeldsl-serving-");
        try
        {
            using var sessionOptions = new SessionOptions { IntraOpNumThreads = threads, InterOpNumThreads = 1, ExecutionMode = ExecutionMode.ORT_SEQUENTIAL };
            Credit(folder.FullName, sessionOptions, calls, threads);
            Cnn(folder.FullName, sessionOptions, calls, threads);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private void Credit(string folder, SessionOptions sessionOptions, int calls, int threads)
    {
        torch.manual_seed(31);
        using var trainer = CreditMlpTrainer.Create();
        var (applicants, _) = ApplicantGenerator.Generate(Math.Max(calls, Batch) + 500, seed: 32);
        trainer.FitFeaturizer(applicants.Take(500).ToList());
        string path = Path.Combine(folder, "credit.onnx");
        trainer.Model.eval();
        trainer.Model.ExportOnnx(path, trainer.Featurizer!);
        using var model = new OnnxModel(path, sessionOptions);
        // The typed serving path: the generated CreditMlpOnnxInputs writes a record into buffers bound to the session once.
        var inputs = new CreditMlpOnnxInputs(model);
        using OnnxBoundBatch one = model.Bind(1);
        using OnnxBoundBatch batch = model.Bind(Batch);
        List<LoanApplication> scored = applicants.Skip(500).ToList();
        // Each side ends at the probability: Predict applies the sigmoid, and so does OnnxModel.Predictions.
        double Single(LoanApplication record) => model.Predictions(inputs.Run(one, record), 1)[0][0];
        double[][] Batched(IReadOnlyList<LoanApplication> records)
        {
            for (int row = 0; row < records.Count; row++)
                inputs.Write(batch, row, records[row]);
            return model.Predictions(batch.Run(), records.Count);
        }
        List<LoanApplication> first = scored.Take(Batch).ToList();
        Compare("credit-mlp", calls, threads,
            i => trainer.Predict(scored[i % scored.Count]),
            i => Single(scored[i % scored.Count]),
            () => trainer.Predict(first),
            () => Batched(first));
    }

    private void Cnn(string folder, SessionOptions sessionOptions, int calls, int threads)
    {
        torch.manual_seed(33);
        using var trainer = FashionCnnTrainer.Create();
        string path = Path.Combine(folder, "fashion-cnn.onnx");
        trainer.Model.eval();
        trainer.Model.ExportOnnx(path);
        using var model = new OnnxModel(path, sessionOptions);
        var random = new Random(34);
        float[] images = Enumerable.Range(0, Batch * 28 * 28).Select(_ => (float)random.NextDouble()).ToArray();
        float[] Image(int i) => images.AsSpan(i % Batch * 784, 784).ToArray();
        float[] Torch(float[] pixels, int count)
        {
            using var scope = torch.NewDisposeScope();
            return trainer.Predict(torch.tensor(pixels, [count, 1, 28, 28])).data<float>().ToArray();
        }
        using OnnxBoundBatch one = model.Bind(1);
        using OnnxBoundBatch batch = model.Bind(Batch);
        double[][] Onnx(OnnxBoundBatch bound, ReadOnlySpan<float> pixels)
        {
            pixels.CopyTo(bound.Floats(0));
            return model.Predictions(bound.Run(), bound.Rows);
        }
        Compare("fashion-cnn", calls, threads, i => Torch(Image(i), 1)[0], i => Onnx(one, Image(i))[0], () => Torch(images, Batch), () => Onnx(batch, images));
    }

    /// <summary>Times both sides call by call (alternating, after a warm-up) and in batches, and reports the ratios.</summary>
    private void Compare<T1, T2, T3, T4>(string name, int calls, int threads, Func<int, T1> torchOne, Func<int, T2> onnxOne, Func<T3> torchBatch, Func<T4> onnxBatch)
    {
        for (int i = 0; i < 20; i++)
        {
            torchOne(i);
            onnxOne(i);
        }
        var torchTimes = new double[calls];
        var onnxTimes = new double[calls];
        for (int i = 0; i < calls; i++)
        {
            long start = Stopwatch.GetTimestamp();
            torchOne(i);
            torchTimes[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            start = Stopwatch.GetTimestamp();
            onnxOne(i);
            onnxTimes[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        // Many batches per timing, so one reading is not a few milliseconds of timer noise.
        var (torchRate, onnxRate) = ThroughputTimer.BestOfAlternating(options.Repeats, BatchesPerTiming * Batch, torch.CPU,
            () => Repeat(torchBatch), () => Repeat(onnxBatch));
        double torchP50 = Percentile(torchTimes, 0.5), onnxP50 = Percentile(onnxTimes, 0.5), torchP99 = Percentile(torchTimes, 0.99), onnxP99 = Percentile(onnxTimes, 0.99);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"serving  {name}, {threads} thread(s), {calls} single calls: TorchSharp p50 {torchP50:F3} ms p99 {torchP99:F3} ms, ONNX Runtime p50 {onnxP50:F3} ms p99 {onnxP99:F3} ms; batch {Batch}: TorchSharp {torchRate:F0} rec/s, ONNX Runtime {onnxRate:F0} rec/s"));
        string comparison = "ONNX Runtime ÷ TorchSharp Predict on the same exported model, CPU, same threads";
        report.Ratio($"serving {name} single p50 speed-up", torchP50 / onnxP50, comparison + " (TorchSharp p50 ÷ ORT p50)", name == "credit-mlp" ? "≥ 2" : null);
        report.Ratio($"serving {name} single p99 speed-up", torchP99 / onnxP99, comparison + " (TorchSharp p99 ÷ ORT p99)");
        report.Ratio($"serving {name} batch {Batch} throughput", onnxRate / torchRate, comparison + " (records per second)");
    }

    private const int BatchesPerTiming = 20;

    private static void Repeat<T>(Func<T> run)
    {
        for (int i = 0; i < BatchesPerTiming; i++)
            run();
    }

    private static double Percentile(double[] times, double fraction)
    {
        double[] sorted = times.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)Math.Floor(fraction * sorted.Length))];
    }
}
