namespace ModelDsl.Models.Catalog;

/// <summary>What <c>train</c> was asked to do; null means "the model's declared default".</summary>
/// <param name="TensorBoard">A folder to log the run to for TensorBoard, or null for none.</param>
internal sealed record TrainRequest(
    int? Epochs, int? BatchSize, double? LearningRate, string Device, string? DataPath, string OutDir, bool Resume, int? Seed,
    string? TensorBoard = null);

/// <summary>What <c>evaluate</c> was asked to do.</summary>
internal sealed record EvaluateRequest(string Checkpoint, string? DataPath, string Device);

/// <summary>What <c>export-data</c> was asked to do: the data file (null for the default data), the seed, the output folder.</summary>
internal sealed record ExportDataRequest(string? DataPath, int? Seed, string OutDir);

/// <summary>What <c>predict</c> was asked to do.</summary>
internal sealed record PredictRequest(string Checkpoint, string InputPath, string Device);

/// <summary>What <c>explain</c> was asked to do.</summary>
internal sealed record ExplainRequest(string Checkpoint, string? DataPath, string OutDir, string Device);

/// <summary>The result of <c>train</c>: test metrics next to the baselines fitted and scored on the same split.</summary>
/// <param name="Baselines">Each baseline's figure in <paramref name="HeadlineMetric"/> on the test split, at least one.</param>
/// <param name="History">The run's epochs (validation figures, the restored epoch), or null when not kept.</param>
internal sealed record TrainOutcome(
    string Model, int Epochs, IReadOnlyDictionary<string, double> TestMetrics, string HeadlineMetric,
    IReadOnlyList<ModelDsl.Baselines.BaselineScore> Baselines, string Checkpoint, double Seconds, ModelDsl.Training.TrainingHistory? History = null)
{
    /// <summary>The baseline with the highest figure: the one the network has to beat.</summary>
    public ModelDsl.Baselines.BaselineScore StrongestBaseline => ModelDsl.Baselines.BaselineScore.Strongest(Baselines);
}

/// <summary>The result of <c>evaluate</c>.</summary>
internal sealed record EvaluateOutcome(string Model, IReadOnlyDictionary<string, double> TestMetrics, string Checkpoint);

/// <summary>The result of <c>explain</c>: ranked feature importances and the charts written.</summary>
internal sealed record ExplainOutcome(string Model, IReadOnlyList<(string Feature, double Importance)> Ranking, IReadOnlyList<string> Charts);
