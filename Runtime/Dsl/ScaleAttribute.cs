namespace ModelDsl;

/// <summary>
/// Chooses how the generated featurizer scales a numeric property (on the property, or a positional record's
/// parameter): <c>[Scale(FeatureScale.Quantile)]</c> or <c>[Scale(FeatureScale.Robust)]</c> for skewed amounts. Without it a
/// number is standardised. Only numbers are scaled: on an enum, bool or other property it is an error (MDSL0055).
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter, AllowMultiple = false, Inherited = true)]
public sealed class ScaleAttribute(FeatureScale scale) : Attribute
{
    /// <summary>The scaling.</summary>
    public FeatureScale Scale { get; } = scale;
}
