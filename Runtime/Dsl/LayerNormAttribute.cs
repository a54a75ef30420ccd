namespace ModelDsl;

/// <summary>Layer normalisation over the last axis.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class LayerNormAttribute : LayerAttribute
{
    /// <summary>Added to the variance for stability (default 1e-5).</summary>
    public double Epsilon { get; set; } = 1e-5;
}
