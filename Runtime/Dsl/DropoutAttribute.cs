namespace ModelDsl;

/// <summary>Randomly zeroes a fraction of inputs while training.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class DropoutAttribute : LayerAttribute
{
    /// <summary>Declares dropout of <paramref name="rate"/>, in [0, 1).</summary>
    public DropoutAttribute(double rate) => Rate = rate;

    /// <summary>Fraction of inputs dropped while training.</summary>
    public double Rate { get; }
}
