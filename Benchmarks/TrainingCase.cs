using ModelDsl.Data;
using TorchSharp;

namespace ModelDsl.Benchmarks;

/// <summary>
/// One model trained three ways on the same data: the generated trainer, a hand-written TorchSharp loop, and (when a
/// PyTorch Python is present) the plain-PyTorch script, which trains <see cref="Model"/>'s emitted PyTorch twin with the
/// hyper-parameters, from the same pretrained weights when the case is a <see cref="FineTuning"/> one.
/// </summary>
/// <param name="Name">Short name used in ratios and by the Python script (e.g. <c>cnn32</c>).</param>
/// <param name="Batch">Examples per step on every side.</param>
/// <param name="CreateData">Makes the case's data (the caller disposes it).</param>
/// <param name="TrainGenerated">One epoch with the generated trainer on the data and device.</param>
/// <param name="HandWritten">The equivalent hand-written loop.</param>
/// <param name="Model">The generated model class, whose PyTorch twin (<c>PyTorchSource</c>) the Python script trains.</param>
/// <param name="Optimizer">"adam" or "adamw", as declared.</param>
/// <param name="LearningRate">As declared.</param>
/// <param name="WeightDecay">As declared.</param>
/// <param name="ClipNorm">Gradient clipping norm as declared (0: none).</param>
internal sealed record TrainingCase(
    string Name, int Batch, Func<int, InMemoryDataset> CreateData, Action<InMemoryDataset, torch.Device> TrainGenerated,
    HandWrittenLoop HandWritten, Type Model, string Optimizer, double LearningRate, double WeightDecay, double ClipNorm)
{
    /// <summary>For a fine-tuning case: the shared starting weights and the full options (null: a fresh seeded model, the parameters above).</summary>
    public FineTuningSetup? FineTuning { get; init; }
}
