namespace ModelDsl.Generator.Layers
{
    /// <summary>A checked Dense layer: <paramref name="InFeatures"/> inputs to <paramref name="Units"/> outputs.</summary>
    internal sealed record DenseSettings(long InFeatures, long Units, bool UseBias, string Activation) : LayerSettings
    {
        /// <inheritdoc />
        public override string Activation { get; } = Activation;
    }
}
