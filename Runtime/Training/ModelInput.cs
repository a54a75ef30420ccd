namespace ModelDsl.Training;

/// <summary>One input a model declares, as its generated trainer knows it at compile time.</summary>
/// <param name="Name">The input's name: the key of its tensor in a <see cref="ModelDsl.Data.ModelInputs"/>.</param>
/// <param name="Shape">One example's shape, without the batch dimension.</param>
/// <param name="Kind">Floats or token ids.</param>
/// <param name="PaddingId">For token ids, the id that pads short sequences (null: none, or not token ids).</param>
public sealed record ModelInput(string Name, IReadOnlyList<long> Shape, ModelInputKind Kind, long? PaddingId = null)
{
    /// <summary>For token ids, the vocabulary size: every id must be below it (null: not checked).</summary>
    public long? Vocabulary { get; init; }

    /// <summary>A float input.</summary>
    public static ModelInput Floats(string name, IReadOnlyList<long> shape) => new(name, shape, ModelInputKind.Float);

    /// <summary>A token-id input of <paramref name="length"/> ids from a vocabulary of <paramref name="vocabulary"/>.</summary>
    public static ModelInput TokenIds(string name, long length, long vocabulary, long? paddingId = null) =>
        new(name, [length], ModelInputKind.TokenIds, paddingId) { Vocabulary = vocabulary };

    /// <summary>Equal when every field is, the shape compared element by element (a record would compare the list references).</summary>
    public bool Equals(ModelInput? other) =>
        other is not null && Name == other.Name && Shape.SequenceEqual(other.Shape) && Kind == other.Kind && PaddingId == other.PaddingId &&
        Vocabulary == other.Vocabulary;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Name, Shape.Count, Kind, PaddingId, Vocabulary);

    /// <summary>The shape as messages write it: (30, 4).</summary>
    internal string ShapeText => $"({string.Join(", ", Shape)})";
}
