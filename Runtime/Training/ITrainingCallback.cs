namespace ModelDsl.Training;

/// <summary>Hooks into a training run at the end of each epoch (checkpointing, custom logging).</summary>
public interface ITrainingCallback
{
    /// <summary>Called after epoch <see cref="TrainerSnapshot.Epoch"/> completed and its record was added to the history.</summary>
    void OnEpochEnd(TrainerSnapshot snapshot);
}
