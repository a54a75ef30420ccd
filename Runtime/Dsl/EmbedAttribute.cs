namespace ModelDsl;

/// <summary>
/// Feeds an enum property of a feature record through a learned embedding instead of one-hot columns (on the property, or
/// a positional record's parameter), as Keras' <c>Embedding</c> or fastai's tabular models do for categories: the
/// featurizer writes the member's index (0 for the first declared value) in one column, and the generated module looks it
/// up in an <c>Embedding(members, size)</c> named <c>embed_&lt;property in snake case&gt;</c> before its first layer.
/// <c>[Model(typeof(T), EmbedEnums = n)]</c> embeds every enum of the record that has no <c>[Embed]</c>.
/// </summary>
/// <example><code>
/// public sealed record Applicant(double Amount, [Embed(4)] Purpose Purpose, [Embed] Housing Housing);
/// </code></example>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter, AllowMultiple = false, Inherited = true)]
public sealed class EmbedAttribute : Attribute
{
    /// <summary>Embeds the enum in <paramref name="size"/> dimensions (at least 1).</summary>
    public EmbedAttribute(int size) => Size = size;

    /// <summary>Embeds the enum in fastai's default size for its number of values n: min(600, round(1.6 · n^0.56)).</summary>
    public EmbedAttribute() => Size = 0;

    /// <summary>The embedding size; 0 when chosen by fastai's rule.</summary>
    public int Size { get; }
}
