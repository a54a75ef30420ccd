using ModelDsl.Training;
using TorchSharp;
using TorchSharp.Modules;

namespace ModelDsl.Checkpoints;

/// <summary>Saves a checkpoint every <see cref="CheckpointPolicy.EveryEpochs"/> epochs of a training run.</summary>
public sealed class CheckpointCallback(CheckpointStore store, torch.nn.Module model, string modelName, string specHash, Func<OptimizerHelper?> optimizer)
    : ITrainingCallback
{
    /// <summary>The last checkpoint written, or null.</summary>
    public string? LastSaved { get; private set; }

    /// <inheritdoc />
    public void OnEpochEnd(TrainerSnapshot snapshot)
    {
        if (snapshot.Epoch % store.Policy.EveryEpochs == 0)
            LastSaved = store.Save(model, modelName, specHash, optimizer(), snapshot);
    }
}
