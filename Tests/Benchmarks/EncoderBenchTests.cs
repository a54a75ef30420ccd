using ModelDsl.Benchmarks;
using ModelDsl.Devices;

namespace ModelDsl.Tests.Benchmarks;

/// <summary>
/// The encoder section compares equal work: on its own prepared batches, the imported MiniLM and ONNX Runtime give the
/// same last hidden state on real tokens.
/// </summary>
public sealed class EncoderBenchTests
{
    [Fact]
    public void Both_sides_of_the_encoder_benchmark_compute_the_same_hidden_states()
    {
        TorchNative.EnsureLoaded();
        using var bench = EncoderBench.Create(batches: 1, threads: 1, seed: 23);

        Assert.Equal(EncoderSection.BatchSize, bench.Sentences);
        Assert.True(bench.MaxDifferenceOnFirstBatch() <= 1e-4);
    }
}
