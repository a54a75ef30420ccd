namespace ModelDsl.Training;

/// <summary>Receives progress from a training run (a terminal progress bar, plain log lines, or a test recorder).</summary>
public interface ITrainingProgress
{
    /// <summary>An epoch is starting; it has <paramref name="batches"/> batches.</summary>
    void EpochStarted(int epoch, int epochs, long batches);

    /// <summary>A batch finished (called without syncing the device; cheap).</summary>
    void BatchCompleted(int epoch, long batch);

    /// <summary>An epoch finished with these figures.</summary>
    void EpochCompleted(EpochRecord record, int epochs);
}
