namespace ModelDsl.Training;

/// <summary>The snake_case names metrics have in histories, JSON and monitors (<c>roc_auc</c>, <c>val_accuracy</c>).</summary>
public static class MetricNames
{
    /// <summary>The name of <paramref name="metric"/>, e.g. <c>roc_auc</c>.</summary>
    public static string Of(Metric metric) => metric switch
    {
        Metric.Accuracy => "accuracy",
        Metric.Precision => "precision",
        Metric.Recall => "recall",
        Metric.F1 => "f1",
        Metric.RocAuc => "roc_auc",
        Metric.Mae => "mae",
        Metric.Rmse => "rmse",
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, null),
    };

    /// <summary>True when a larger value is better (accuracy); false for losses and errors.</summary>
    public static bool HigherIsBetter(string name)
    {
        string bare = name.StartsWith("val_", StringComparison.Ordinal) ? name[4..] : name;
        return bare is "accuracy" or "precision" or "recall" or "f1" or "roc_auc";
    }
}
