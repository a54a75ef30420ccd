namespace ModelDsl.Training;

/// <summary>
/// Stops a run after <see cref="Patience"/> epochs in which the monitored value did not improve by more than
/// <see cref="MinDelta"/>, as Keras' <c>EarlyStopping</c> does. The trainer adds one when
/// <see cref="TrainingOptions.Patience"/> is above 0; add one yourself to watch another value.
/// </summary>
/// <param name="patience">Epochs without improvement before stopping (at least 1).</param>
/// <param name="monitor">The recorded value to watch, e.g. <c>val_accuracy</c>; null watches the run's <see cref="TrainingContext.Monitor"/>.</param>
/// <param name="minDelta">The smallest change that counts as an improvement.</param>
public sealed class EarlyStopping(int patience, string? monitor = null, double minDelta = 0) : ITrainingCallback
{
    private ImprovementTracker? _tracker;
    private string _watched = "";

    /// <summary>Epochs without improvement before stopping.</summary>
    public int Patience { get; } = patience >= 1 ? patience : throw new ArgumentOutOfRangeException(nameof(patience), patience, "Patience must be at least 1.");

    /// <summary>The smallest change that counts as an improvement.</summary>
    public double MinDelta { get; } = minDelta;

    /// <summary>The epoch after which this callback stopped the run, or null.</summary>
    public int? StoppedAt { get; private set; }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The monitored name is not recorded in this run.</exception>
    public void OnTrainBegin(TrainingContext context)
    {
        StoppedAt = null;
        // A resumed run continues the count: the decisions are a function of the recorded values, which the history keeps.
        _tracker = ImprovementTracker.ForRun(monitor, MinDelta, context, out _watched);
    }

    /// <inheritdoc />
    public void OnEpochEnd(TrainingContext context, TrainerSnapshot snapshot)
    {
        ImprovementTracker tracker = _tracker ?? throw new InvalidOperationException("OnTrainBegin was not called.");
        tracker.Observe(context.History.Epochs[^1][_watched]);
        if (tracker.EpochsWithoutImprovement >= Patience)
        {
            StoppedAt = snapshot.Epoch;
            context.StopTraining = true;
        }
    }
}
