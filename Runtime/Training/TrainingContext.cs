using static TorchSharp.torch;
using TorchSharp.Modules;

namespace ModelDsl.Training;

/// <summary>
/// The run a callback hooks into, handed to every <see cref="ITrainingCallback"/> method: the model, optimizer, options
/// and history, where the run is, and <see cref="StopTraining"/>, through which a callback ends it.
/// </summary>
public sealed class TrainingContext
{
    internal TrainingContext(nn.Module model, OptimizerHelper optimizer, TrainingOptions options, Device device, TrainingHistory history,
        string monitor, IReadOnlyList<string> recordedValues, long batchesPerEpoch, int firstEpoch, long step)
    {
        Model = model;
        Optimizer = optimizer;
        Options = options;
        Device = device;
        History = history;
        Monitor = monitor;
        RecordedValues = recordedValues;
        BatchesPerEpoch = batchesPerEpoch;
        FirstEpoch = firstEpoch;
        Epoch = firstEpoch - 1;
        Step = step;
    }

    /// <summary>The model being trained.</summary>
    public nn.Module Model { get; }

    /// <summary>The run's optimizer.</summary>
    public OptimizerHelper Optimizer { get; }

    /// <summary>The options of this run.</summary>
    public TrainingOptions Options { get; }

    /// <summary>The device the model and batches are on.</summary>
    public Device Device { get; }

    /// <summary>Every epoch recorded so far, those of an interrupted run included when resuming; what <c>Fit</c> returns.</summary>
    public TrainingHistory History { get; }

    /// <summary>
    /// The value this run watches: <see cref="TrainingOptions.Monitor"/>, or without validation data the training value it
    /// falls back to (<c>val_accuracy</c> → <c>accuracy</c>, otherwise <c>loss</c>).
    /// </summary>
    public string Monitor { get; }

    /// <summary>The names every epoch record of this run holds (<c>loss</c>, <c>accuracy</c>, <c>val_loss</c>, …).</summary>
    public IReadOnlyList<string> RecordedValues { get; }

    /// <summary>Optimizer steps per epoch.</summary>
    public long BatchesPerEpoch { get; }

    /// <summary>The first epoch this <c>Fit</c> runs: 1, or the one after the snapshot it resumed from.</summary>
    public int FirstEpoch { get; }

    /// <summary>The epoch running (in batch hooks) or last completed (in epoch-end and train-end hooks); <see cref="FirstEpoch"/> − 1 before the first.</summary>
    public int Epoch { get; internal set; }

    /// <summary>Optimizer steps completed in the run so far (continues across a resume).</summary>
    public long Step { get; internal set; }

    /// <summary>
    /// Set to end the run after the current epoch (early stopping, a time budget). Honoured at the end of the epoch, so
    /// every recorded epoch covers all the training data and the epoch's callbacks (a checkpoint) still run.
    /// </summary>
    public bool StopTraining { get; set; }
}
