namespace ModelDsl.Generator.Layers
{
    /// <summary>A checked SequencePool over (<paramref name="Time"/>, width).</summary>
    internal sealed record SequencePoolSettings(SequencePoolMode Mode, long Time) : LayerSettings;
}
