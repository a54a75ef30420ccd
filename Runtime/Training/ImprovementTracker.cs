namespace ModelDsl.Training;

/// <summary>
/// The best value of one monitored quantity and the epochs since it last improved by more than a minimum change: the
/// rule early stopping, best-weight restore and the trainer's own snapshot share, so they always agree on "improved".
/// </summary>
internal sealed class ImprovementTracker(bool higherIsBetter, double minDelta)
{
    /// <summary>The best value so far; NaN before the first.</summary>
    public double Best { get; private set; } = double.NaN;

    /// <summary>Epochs observed since the last improvement.</summary>
    public int EpochsWithoutImprovement { get; private set; }

    /// <summary>
    /// A tracker for the value <paramref name="monitor"/> names (or the run's own monitor), that has already seen every
    /// epoch the history records, so a resumed run continues from the values the earlier epochs set.
    /// </summary>
    public static ImprovementTracker ForRun(string? monitor, double minDelta, TrainingContext context, out string watched)
    {
        string name = MonitoredValue.Resolve(monitor, context);
        var tracker = new ImprovementTracker(MetricNames.HigherIsBetter(name), minDelta);
        foreach (EpochRecord record in context.History.Epochs.Where(r => r.Has(name)))
            tracker.Observe(record[name]);
        watched = name;
        return tracker;
    }

    /// <summary>Starts from a saved state (a resumed run's snapshot).</summary>
    public void Restore(double best, int epochsWithoutImprovement)
    {
        Best = best;
        EpochsWithoutImprovement = epochsWithoutImprovement;
    }

    /// <summary>Records one epoch's value; true when it improves on the best (the first value always does).</summary>
    public bool Observe(double value)
    {
        bool improved = double.IsNaN(Best) || (higherIsBetter ? value > Best + minDelta : value < Best - minDelta);
        if (improved)
        {
            Best = value;
            EpochsWithoutImprovement = 0;
        }
        else
        {
            EpochsWithoutImprovement++;
        }
        return improved;
    }
}
