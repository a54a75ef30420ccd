using ModelDsl.Training;
using TorchSharp;
using TorchSharp.Modules;

namespace ModelDsl.Checkpoints;

/// <summary>Saves a checkpoint every <see cref="CheckpointPolicy.EveryEpochs"/> epochs of a training run, and after <paramref name="finalEpoch"/>.</summary>
/// <param name="store">Where checkpoints go; its policy decides how often and what is kept.</param>
/// <param name="model">The model being trained.</param>
/// <param name="modelName">The model's name, recorded in each manifest.</param>
/// <param name="specHash">The model's architecture hash.</param>
/// <param name="optimizer">Returns the run's optimizer at save time (the trainer creates it when <c>Fit</c> starts).</param>
/// <param name="finalEpoch">The run's last epoch (<c>options.Epochs</c>), always saved; 0 when unknown.</param>
/// <param name="extraFiles">Returns further files to keep in each checkpoint at save time (e.g. a trainer's <c>CheckpointFiles()</c>), or null.</param>
public sealed class CheckpointCallback(CheckpointStore store, torch.nn.Module model, string modelName, string specHash, Func<OptimizerHelper?> optimizer,
    int finalEpoch = 0, Func<IReadOnlyDictionary<string, byte[]>>? extraFiles = null)
    : ITrainingCallback
{
    /// <summary>The last checkpoint written, or null.</summary>
    public string? LastSaved { get; private set; }

    /// <inheritdoc />
    public void OnEpochEnd(TrainerSnapshot snapshot)
    {
        if (snapshot.Epoch % store.Policy.EveryEpochs == 0 || snapshot.Epoch == finalEpoch)
            LastSaved = store.Save(model, modelName, specHash, optimizer(), snapshot, extraFiles?.Invoke());
    }
}
