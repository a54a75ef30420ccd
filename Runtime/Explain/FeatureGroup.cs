namespace ModelDsl.Explain;

/// <summary>A named set of columns along the last input axis that are permuted together (e.g. the one-hot columns of one enum).</summary>
/// <param name="Name">The name shown in rankings and charts.</param>
/// <param name="Columns">Indices along the last input axis.</param>
public sealed record FeatureGroup(string Name, IReadOnlyList<long> Columns)
{
    /// <summary>One group per column, named by <paramref name="names"/> in column order.</summary>
    public static IReadOnlyList<FeatureGroup> OnePerColumn(IReadOnlyList<string> names) =>
        names.Select((name, i) => new FeatureGroup(name, [i])).ToList();
}
