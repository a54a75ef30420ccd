namespace ModelDsl.Generator.Layers
{
    /// <summary>A checked GlobalAvgPool: the mean over the <paramref name="SpatialRank"/> axes after the channels.</summary>
    internal sealed record GlobalAvgPoolSettings(long Channels, int SpatialRank) : LayerSettings;
}
