using BenchmarkDotNet.Attributes;
using ModelDsl.Models.Data;
using ModelDsl.Models.Declarations;
using TorchSharp;

namespace ModelDsl.Benchmarks.Micro;

/// <summary>
/// Featurizing 10,000 loan applications into a tensor: the generated <see cref="CreditMlpFeaturizer"/> (straight-line
/// property reads) against the same transform written with reflection, the usual hand-rolled alternative.
/// </summary>
[MemoryDiagnoser]
public class FeaturizerBenchmarks
{
    private List<LoanApplication> _applicants = null!;
    private CreditMlpFeaturizer _featurizer = null!;
    private ReflectionFeaturizer _reflection = null!;

    [GlobalSetup]
    public void Setup()
    {
        Devices.TorchNative.EnsureLoaded();
        (_applicants, _) = ApplicantGenerator.Generate(10_000, seed: 1);
        _featurizer = CreditMlpFeaturizer.Fit(_applicants);
        _reflection = new ReflectionFeaturizer(_featurizer);
        // Both sides must compute the same thing for the ratio to mean anything.
        using torch.Tensor expected = _featurizer.ToTensor(_applicants[..100]), actual = _reflection.ToTensor(_applicants[..100]);
        if (!expected.allclose(actual, rtol: 0, atol: 0))
            throw new InvalidOperationException("The reflection baseline does not reproduce the generated featurizer's columns.");
    }

    [Benchmark(Baseline = true, Description = "reflection")]
    public long Reflection()
    {
        using torch.Tensor features = _reflection.ToTensor(_applicants);
        return features.shape[1];
    }

    [Benchmark(Description = "generated featurizer")]
    public long Generated()
    {
        using torch.Tensor features = _featurizer.ToTensor(_applicants);
        return features.shape[1];
    }
}
