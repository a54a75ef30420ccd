using static TorchSharp.torch;

namespace ModelDsl.Training;

/// <summary>
/// Keeps a copy of the weights of the epoch with the best monitored value (on the training device, no host sync) and
/// puts them back into the model when training ends, recording that epoch as <see cref="TrainingHistory.RestoredEpoch"/>.
/// The trainer adds one when <see cref="TrainingOptions.RestoreBestWeights"/> is set.
/// </summary>
/// <param name="monitor">The recorded value to watch; null watches the run's <see cref="TrainingContext.Monitor"/>.</param>
/// <param name="minDelta">The smallest change that counts as an improvement.</param>
public sealed class BestWeightsRestorer(string? monitor = null, double minDelta = 0) : ITrainingCallback, IDisposable
{
    private ImprovementTracker? _tracker;
    private string _watched = "";
    private Dictionary<string, Tensor>? _best;
    private int _bestEpoch;

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The monitored name is not recorded in this run.</exception>
    public void OnTrainBegin(TrainingContext context)
    {
        ReleaseCopy();
        // When resuming, the earlier epochs set the best value to beat; their weights are not in memory, so weights are
        // restored only if a later epoch beats them (the checkpoint store keeps the earlier best on disk).
        _tracker = ImprovementTracker.ForRun(monitor, minDelta, context, out _watched);
    }

    /// <inheritdoc />
    public void OnEpochEnd(TrainingContext context, TrainerSnapshot snapshot)
    {
        ImprovementTracker tracker = _tracker ?? throw new InvalidOperationException("OnTrainBegin was not called.");
        if (!tracker.Observe(context.History.Epochs[^1][_watched]))
            return;
        ReleaseCopy();
        _best = context.Model.state_dict().ToDictionary(p => p.Key, p => p.Value.detach().clone());
        _bestEpoch = snapshot.Epoch;
    }

    /// <inheritdoc />
    public void OnTrainEnd(TrainingContext context)
    {
        if (_best is null)
            return;
        context.Model.load_state_dict(_best);
        context.History.RestoredEpoch = _bestEpoch;
        ReleaseCopy();
    }

    /// <summary>Frees the kept copy (a run that failed before its end still holds one).</summary>
    public void Dispose() => ReleaseCopy();

    private void ReleaseCopy()
    {
        if (_best is not null)
            foreach (Tensor tensor in _best.Values)
                tensor.Dispose();
        _best = null;
    }
}
