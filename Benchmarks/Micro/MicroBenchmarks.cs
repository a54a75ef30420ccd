using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace ModelDsl.Benchmarks.Micro;

/// <summary>
/// Runs the BenchmarkDotNet micro-benchmarks (<c>dotnet run -c Release --project Benchmarks -- micro [BenchmarkDotNet args]</c>).
/// They run in process: a child build would not get the native-library patch TorchSharp needs on Debian 12. Each class
/// has a <c>Baseline = true</c> method, so the Ratio column compares both sides of one run.
/// </summary>
internal static class MicroBenchmarks
{
    public static void Run(string[] args)
    {
        IConfig config = DefaultConfig.Instance
            .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance))
            .WithOptions(ConfigOptions.DisableOptimizationsValidator);
        BenchmarkSwitcher.FromTypes([typeof(BatchingBenchmarks), typeof(FeaturizerBenchmarks)]).Run(args, config);
    }
}
