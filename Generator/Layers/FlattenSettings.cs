namespace ModelDsl.Generator.Layers
{
    /// <summary>A checked Flatten: every non-batch axis becomes one of <paramref name="Features"/> values.</summary>
    internal sealed record FlattenSettings(long Features) : LayerSettings;
}
