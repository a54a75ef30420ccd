using System.Diagnostics;
using TorchSharp;

namespace ModelDsl.Benchmarks;

/// <summary>Examples per second of one run, after a garbage collection so earlier runs' garbage is not charged to it.</summary>
internal static class ThroughputTimer
{
    public static double Measure(Action run, long examples, torch.Device device)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        Synchronize(device);
        var clock = Stopwatch.StartNew();
        run();
        Synchronize(device);
        return examples / clock.Elapsed.TotalSeconds;
    }

    /// <summary>Best of <paramref name="repeats"/> alternating runs of two competitors, so drift in machine load hits both.</summary>
    public static (double First, double Second) BestOfAlternating(int repeats, long examples, torch.Device device, Action first, Action second)
    {
        (double[] a, double[] b) = Alternating(repeats, examples, device, first, second);
        return (a.Max(), b.Max());
    }

    /// <summary>Every run's throughput of <paramref name="repeats"/> alternating runs, first then second, in run order.</summary>
    public static (double[] First, double[] Second) Alternating(int repeats, long examples, torch.Device device, Action first, Action second)
    {
        var a = new double[repeats];
        var b = new double[repeats];
        for (int r = 0; r < repeats; r++)
        {
            a[r] = Measure(first, examples, device);
            b[r] = Measure(second, examples, device);
        }
        return (a, b);
    }

    private static void Synchronize(torch.Device device)
    {
        if (device.type == DeviceType.CUDA)
            torch.cuda.synchronize(device);
    }
}
