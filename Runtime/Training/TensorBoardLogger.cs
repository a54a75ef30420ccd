using TorchSharp;
using TorchSharp.Modules;

namespace ModelDsl.Training;

/// <summary>
/// Logs a run for TensorBoard (<c>tensorboard --logdir DIRECTORY</c>) through TorchSharp's <c>SummaryWriter</c>, laid out
/// as Keras' TensorBoard callback does so training and validation curves share a chart: <c>train/</c> gets
/// <c>epoch_loss</c>, <c>epoch_accuracy</c>, … and <c>epoch_learning_rate</c> per epoch and <c>batch_loss</c> every
/// <see cref="EverySteps"/> optimizer steps; <c>validation/</c> gets the <c>val_</c> values under the same tags.
/// </summary>
/// <param name="directory">The log folder; made when training begins. A resumed run adds a new event file beside the earlier ones.</param>
/// <param name="everySteps">Optimizer steps between <c>batch_loss</c> points (each reads the loss from the device: a sync); 0 logs per epoch only.</param>
public sealed class TensorBoardLogger(string directory, int everySteps = TensorBoardLogger.DefaultEverySteps) : ITrainingCallback
{
    /// <summary>The steps between <c>batch_loss</c> points unless told otherwise.</summary>
    public const int DefaultEverySteps = 50;

    private SummaryWriter? _train;
    private SummaryWriter? _validation;

    /// <summary>The log folder.</summary>
    public string Directory { get; } = Path.GetFullPath(directory);

    /// <summary>Optimizer steps between <c>batch_loss</c> points; 0 for none.</summary>
    public int EverySteps { get; } = everySteps >= 0 ? everySteps : throw new ArgumentOutOfRangeException(nameof(everySteps), everySteps, "Steps between points cannot be negative.");

    /// <inheritdoc />
    public void OnTrainBegin(TrainingContext context)
    {
        _train = torch.utils.tensorboard.SummaryWriter(Path.Combine(Directory, "train"));
        _validation = context.RecordedValues.Any(IsValidation) ? torch.utils.tensorboard.SummaryWriter(Path.Combine(Directory, "validation")) : null;
    }

    /// <inheritdoc />
    public void OnBatchEnd(TrainingContext context, BatchResult batch)
    {
        if (EverySteps > 0 && batch.Step % EverySteps == 0)
            Writer(_train).add_scalar("batch_loss", (float)batch.ReadLoss(), checked((int)batch.Step));
    }

    /// <inheritdoc />
    public void OnEpochEnd(TrainingContext context, TrainerSnapshot snapshot)
    {
        EpochRecord record = context.History.Epochs[^1];
        foreach (var (name, value) in record.Values)
        {
            if (IsValidation(name))
                Writer(_validation).add_scalar("epoch_" + name["val_".Length..], (float)value, record.Epoch);
            else
                Writer(_train).add_scalar("epoch_" + name, (float)value, record.Epoch);
        }
        Writer(_train).add_scalar("epoch_learning_rate", (float)record.LearningRate, record.Epoch);
    }

    private static bool IsValidation(string name) => name.StartsWith("val_", StringComparison.Ordinal);

    private static SummaryWriter Writer(SummaryWriter? writer) => writer ?? throw new InvalidOperationException("OnTrainBegin was not called.");
}
