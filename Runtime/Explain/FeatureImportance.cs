namespace ModelDsl.Explain;

/// <summary>How much a model's score drops when one feature (group) is shuffled across examples.</summary>
/// <param name="Feature">The feature or group name.</param>
/// <param name="Importance">Mean drop of the score over the repeats (higher = more important).</param>
/// <param name="StandardDeviation">Spread of the drop over the repeats.</param>
public sealed record FeatureImportance(string Feature, double Importance, double StandardDeviation);
