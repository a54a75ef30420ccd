namespace ModelDsl.Explain;

/// <summary>
/// A named set of columns along the last axis of one input that are permuted together (e.g. the one-hot columns of one
/// enum), or a whole input (<see cref="Columns"/> empty, <see cref="Input"/> set: its rows are shuffled as a whole, e.g.
/// a text's token ids).
/// </summary>
/// <param name="Name">The name shown in rankings and charts.</param>
/// <param name="Columns">Indices along the last axis of the input; empty with <see cref="Input"/> set for the whole input.</param>
public sealed record FeatureGroup(string Name, IReadOnlyList<long> Columns)
{
    /// <summary>The input the columns belong to; null for a model's only input.</summary>
    public string? Input { get; init; }

    /// <summary>Whether the group is a whole input rather than some of its columns.</summary>
    public bool IsWholeInput => Input is not null && Columns.Count == 0;

    /// <summary>One group per column, named by <paramref name="names"/> in column order.</summary>
    public static IReadOnlyList<FeatureGroup> OnePerColumn(IReadOnlyList<string> names) =>
        names.Select((name, i) => new FeatureGroup(name, [i])).ToList();

    /// <summary>The whole input <paramref name="input"/> as one group of that name.</summary>
    public static FeatureGroup WholeInput(string input) => new(input, []) { Input = input };

    /// <summary>One whole-input group per input name.</summary>
    public static IReadOnlyList<FeatureGroup> OnePerInput(IEnumerable<string> inputs) => inputs.Select(WholeInput).ToList();

    /// <summary>
    /// <paramref name="groups"/> (e.g. a generated featurizer's <c>PropertyGroups</c>, one per record property) placed in
    /// the input <paramref name="input"/>, so a record input ranks each property beside the model's other inputs.
    /// </summary>
    public static IReadOnlyList<FeatureGroup> InInput(string input, IEnumerable<FeatureGroup> groups) =>
        groups.Select(g => g with { Input = input }).ToList();
}
