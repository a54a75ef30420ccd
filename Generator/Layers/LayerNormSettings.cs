namespace ModelDsl.Generator.Layers
{
    /// <summary>A checked LayerNorm over the last axis, of <paramref name="Features"/> values.</summary>
    internal sealed record LayerNormSettings(long Features, double Epsilon) : LayerSettings;
}
