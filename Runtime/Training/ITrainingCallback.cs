namespace ModelDsl.Training;

/// <summary>
/// Hooks into a training run, as Keras' and Lightning's callbacks do: checkpointing, logging, early stopping, restoring
/// the best weights. Every method has an empty default, so a callback implements only the hooks it needs. A hook stops
/// the run by setting <see cref="TrainingContext.StopTraining"/>; the trainer honours it at the end of the current epoch.
/// </summary>
/// <remarks>
/// Hooks run in the order the callbacks were added, after the ones the options create (early stopping, best-weight
/// restore), so a checkpoint callback added by the caller sees a stop requested in the same epoch.
/// </remarks>
public interface ITrainingCallback
{
    /// <summary>Called once before the first epoch of <c>Fit</c> (also when resuming; <see cref="TrainingContext.History"/> then holds the earlier epochs).</summary>
    void OnTrainBegin(TrainingContext context)
    {
    }

    /// <summary>
    /// Called after every optimizer step, without a device sync: <paramref name="batch"/> holds the loss as a device
    /// tensor, and only <see cref="BatchResult.ReadLoss"/> copies it to the host. Read it every N steps, not every step,
    /// to keep a GPU busy.
    /// </summary>
    void OnBatchEnd(TrainingContext context, BatchResult batch)
    {
    }

    /// <summary>
    /// Called after epoch <see cref="TrainerSnapshot.Epoch"/> completed and its record was added to the history. By
    /// default calls <see cref="OnEpochEnd(TrainerSnapshot)"/>, the hook callbacks written before the context existed implement.
    /// </summary>
    void OnEpochEnd(TrainingContext context, TrainerSnapshot snapshot) => OnEpochEnd(snapshot);

    /// <summary>Called after epoch <see cref="TrainerSnapshot.Epoch"/> completed and its record was added to the history.</summary>
    void OnEpochEnd(TrainerSnapshot snapshot)
    {
    }

    /// <summary>
    /// Called once after the last epoch (the declared number, or the one where training was stopped), before <c>Fit</c>
    /// returns; not called when training fails or is cancelled.
    /// </summary>
    void OnTrainEnd(TrainingContext context)
    {
    }
}
