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
        double a = 0, b = 0;
        for (int r = 0; r < repeats; r++)
        {
            a = Math.Max(a, Measure(first, examples, device));
            b = Math.Max(b, Measure(second, examples, device));
        }
        return (a, b);
    }

    private static void Synchronize(torch.Device device)
    {
        if (device.type == DeviceType.CUDA)
            torch.cuda.synchronize(device);
    }
}
