namespace ModelDsl;

/// <summary>
/// Chooses how the generated featurizer scales a numeric property (on the property, or a positional record's
/// parameter): <c>[Scale(FeatureScale.Quantile)]</c> for skewed amounts. Without it a number is standardised.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter, AllowMultiple = false, Inherited = true)]
public sealed class ScaleAttribute(FeatureScale scale) : Attribute
{
    /// <summary>The scaling.</summary>
    public FeatureScale Scale { get; } = scale;
}
