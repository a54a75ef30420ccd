namespace ModelDsl.Generator.Layers
{
    /// <summary>A checked Embedding: token ids below <paramref name="Vocabulary"/> to vectors of <paramref name="Dimensions"/>.</summary>
    internal sealed record EmbeddingSettings(long Vocabulary, long Dimensions) : LayerSettings;
}
