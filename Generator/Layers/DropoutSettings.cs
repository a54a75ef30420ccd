namespace ModelDsl.Generator.Layers
{
    /// <summary>A checked Dropout: the fraction in [0, 1) zeroed while training.</summary>
    internal sealed record DropoutSettings(double Rate) : LayerSettings;
}
