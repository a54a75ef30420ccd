namespace ModelDsl.Generator.Layers
{
    /// <summary>A checked MaxPool/AvgPool (square window for 2-D); <paramref name="Stride"/> is resolved (never 0).</summary>
    /// <param name="SpatialRank">1 or 2.</param>
    internal sealed record PoolingSettings(PoolingReduction Reduction, int SpatialRank, long Pool, long Stride) : LayerSettings;
}
