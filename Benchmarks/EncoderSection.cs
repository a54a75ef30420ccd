using System.Globalization;
using TorchSharp;

namespace ModelDsl.Benchmarks;

/// <summary>
/// Section 7: inference throughput (sentences/s, CPU) of all-MiniLM-L6-v2 imported into <see cref="BertEncoder"/> ÷ ONNX
/// Runtime running the original <c>model.onnx</c>, on the same padded batches, with the same thread count (libtorch's
/// for the encoder; ONNX Runtime's intra-op threads, sequential execution). Both sides get their inputs built before the
/// clock starts; the first batch's outputs are compared so the two sides are known to do the same work.
/// </summary>
internal sealed class EncoderSection(BenchmarkOptions options, BenchmarkReport report)
{
    /// <summary>Sentences per batch.</summary>
    public const int BatchSize = 32;

    /// <summary>Tokens per row, [CLS] and [SEP] included; real lengths vary from 8 to this.</summary>
    public const int Length = 64;

    public void Run()
    {
        int threads = torch.get_num_threads();
        int sentences = Math.Clamp(options.Examples / 25, BatchSize, 16 * BatchSize);
        using var bench = EncoderBench.Create(sentences / BatchSize, threads, seed: 23);
        double difference = bench.MaxDifferenceOnFirstBatch();
        report.Fact(string.Create(CultureInfo.InvariantCulture, $"encoder: imported MiniLM vs ONNX Runtime on the benchmark's first batch: max abs diff {difference:E2} on real tokens"));
        bench.RunEncoder();
        bench.RunOnnx();
        var (encoder, onnx) = ThroughputTimer.BestOfAlternating(options.Repeats, bench.Sentences, torch.CPU, bench.RunEncoder, bench.RunOnnx);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"encoder  MiniLM-L6, {bench.Sentences} sentences, batch {BatchSize}, length {Length}, {threads} thread(s): BertEncoder {encoder,8:F1} sent/s   ONNX Runtime {onnx,8:F1} sent/s"));
        report.Ratio("encoder inference / ONNX Runtime", encoder / onnx, "imported MiniLM BertEncoder ÷ ONNX Runtime 1.31 on model.onnx, CPU, same batches and threads");
    }
}
