using System.Globalization;
using ModelDsl.Models.Declarations;

namespace ModelDsl.Benchmarks;

/// <summary>
/// Section 5: process memory over a small training run (the seed CNN, generated trainer, --memory-epochs epochs, 20 by
/// default): end-of-epoch working set, private bytes and live tensors, the peak, and whether they are flat after epoch 2.
/// </summary>
internal sealed class MemorySection(BenchmarkOptions options, BenchmarkReport report)
{
    private const int Examples = 1024;

    public void Run()
    {
        var (data, source) = BenchmarkData.Images(Examples, options.FashionMnistFolder);
        using (data)
        {
            var recorder = new ProcessMemoryRecorder();
            var trainingOptions = FashionCnnTrainer.DefaultOptions with { Epochs = options.MemoryEpochs, Device = options.Device, Monitor = "loss" };
            using (var trainer = FashionCnnTrainer.Create(trainingOptions))
            {
                trainer.Callbacks.Add(recorder);
                trainer.Fit(data);
            }
            var samples = recorder.Samples;
            Console.WriteLine($"memory: seed CNN, {Examples} examples of {source}, {samples.Count} epochs; end of epoch:");
            foreach (ProcessMemorySample s in samples.Where(s => s.Epoch <= 3 || s.Epoch % 5 == 0 || s.Epoch == samples.Count))
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  epoch {s.Epoch,3}: working set {Mb(s.WorkingSet),7:F1} MB   private {Mb(s.PrivateBytes),7:F1} MB   live tensors {s.LiveTensors}"));
            if (samples.Count < 3)
            {
                report.Fact("memory: needs at least 3 epochs to compare against epoch 2");
                return;
            }
            ProcessMemorySample second = samples[1], last = samples[^1];
            double workingSetGrowth = (double)last.WorkingSet / second.WorkingSet;
            double privateGrowth = (double)last.PrivateBytes / second.PrivateBytes;
            report.Ratio($"memory working set epoch {last.Epoch} / epoch 2", workingSetGrowth, "end-of-epoch working set", "<= 1.05");
            report.Ratio($"memory private bytes epoch {last.Epoch} / epoch 2", privateGrowth, "end-of-epoch private bytes", "<= 1.05");
            bool flat = workingSetGrowth <= 1.05 && privateGrowth <= 1.05 && last.LiveTensors <= second.LiveTensors;
            report.Fact(string.Create(CultureInfo.InvariantCulture,
                $"memory: peak working set {Mb(samples.Max(s => s.PeakWorkingSet)):F1} MB; live tensors epoch 2 {second.LiveTensors}, epoch {last.Epoch} {last.LiveTensors}; " +
                $"{(flat ? "FLAT after epoch 2" : "NOT flat after epoch 2")}"));
        }
    }

    private static double Mb(long bytes) => bytes / (1024.0 * 1024.0);
}
