namespace ModelDsl.Generator.Layers
{
    /// <summary>A checked BatchNorm over <paramref name="Features"/> channels.</summary>
    /// <param name="SpatialRank">Spatial axes after the channels: 0 (features), 1 (channels, length) or 2 (channels, height, width).</param>
    /// <param name="Momentum">Running-statistics momentum, PyTorch's convention.</param>
    internal sealed record BatchNormSettings(long Features, int SpatialRank, double Momentum, double Epsilon) : LayerSettings;
}
