namespace ModelDsl;

/// <summary>Batch normalisation over channels (features for 1-D inputs).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class BatchNormAttribute : LayerAttribute
{
    /// <summary>Running-statistics momentum, PyTorch convention (default 0.1).</summary>
    public double Momentum { get; set; } = 0.1;

    /// <summary>Added to the variance for stability (default 1e-5).</summary>
    public double Epsilon { get; set; } = 1e-5;
}
