namespace ModelDsl.Generator.Layers
{
    /// <summary>
    /// A checked TransformerEncoder over (<paramref name="Time"/>, <paramref name="Width"/>): <paramref name="Layers"/>
    /// encoder layers of <paramref name="Heads"/> heads (dividing the width) and a feed-forward block of
    /// <paramref name="FeedForward"/> (resolved: never 0), after a learned positional embedding of (time, width).
    /// </summary>
    internal sealed record TransformerEncoderSettings(long Time, long Width, long Heads, long FeedForward, long Layers, double Dropout) : LayerSettings;
}
