namespace ModelDsl.Checkpoints;

/// <summary>When to save and what to keep.</summary>
/// <param name="EveryEpochs">Save after every N-th epoch (and after the final epoch when the callback is told which one that is).</param>
/// <param name="KeepLast">Keep the newest K checkpoints; the best one is kept in addition.</param>
/// <param name="Monitor">The value that ranks checkpoints for <c>best</c> (e.g. <c>val_loss</c>); null: no best tracking.</param>
/// <param name="Mode">Whether a lower or a higher <paramref name="Monitor"/> value is better.</param>
public sealed record CheckpointPolicy(int EveryEpochs = 1, int KeepLast = 3, string? Monitor = "val_loss", MonitorMode Mode = MonitorMode.Auto)
{
    /// <summary>True when a higher monitored value is better under this policy.</summary>
    public bool HigherIsBetter => Mode switch
    {
        MonitorMode.Max => true,
        MonitorMode.Min => false,
        _ => Monitor is not null && Training.MetricNames.HigherIsBetter(Monitor),
    };
}
