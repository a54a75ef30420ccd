using System.Diagnostics;
using ModelDsl.Training;
using TorchSharp;

namespace ModelDsl.Benchmarks;

/// <summary>Records a <see cref="ProcessMemorySample"/> after every epoch (after a full garbage collection, so finalizable tensors are gone).</summary>
internal sealed class ProcessMemoryRecorder : ITrainingCallback
{
    public List<ProcessMemorySample> Samples { get; } = [];

    public void OnEpochEnd(TrainerSnapshot snapshot)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        Samples.Add(new ProcessMemorySample(snapshot.Epoch, process.WorkingSet64, process.PrivateMemorySize64, process.PeakWorkingSet64, torch.Tensor.TotalCount));
    }
}
