namespace ModelDsl.Explain;

/// <summary>A named set of columns along the last input axis that are permuted together (e.g. the one-hot columns of one enum).</summary>
public sealed record FeatureGroup(string Name, IReadOnlyList<long> Columns);
