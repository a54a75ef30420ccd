namespace ModelDsl.Generator.Layers
{
    /// <summary>A checked standalone activation (one of <see cref="Activations.Names"/>).</summary>
    internal sealed record ActivationSettings(string Activation) : LayerSettings
    {
        /// <inheritdoc />
        public override string Activation { get; } = Activation;
    }
}
