namespace ModelDsl.Checkpoints;

/// <summary>Which direction of the monitored value counts as better when choosing the <c>best</c> checkpoint.</summary>
public enum MonitorMode
{
    /// <summary>Decided from the name: accuracy, precision, recall, f1 and roc_auc are maximised, everything else minimised.</summary>
    Auto,
    /// <summary>Lower is better (losses, errors).</summary>
    Min,
    /// <summary>Higher is better (accuracy-like scores).</summary>
    Max,
}
