namespace ModelDsl;

/// <summary>Maps token ids to learned vectors: (length) → (length, dimensions). Must be the first layer; the model then takes int64 token ids.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class EmbeddingAttribute : LayerAttribute
{
    /// <summary>Declares an embedding table of <paramref name="vocabulary"/> × <paramref name="dimensions"/>.</summary>
    public EmbeddingAttribute(int vocabulary, int dimensions)
    {
        Vocabulary = vocabulary;
        Dimensions = dimensions;
    }

    /// <summary>Number of distinct token ids.</summary>
    public int Vocabulary { get; }

    /// <summary>Size of each vector.</summary>
    public int Dimensions { get; }
}
