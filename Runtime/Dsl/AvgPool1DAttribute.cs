namespace ModelDsl;

/// <summary>Average pooling over the 1-D spatial axes; no parameters.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class AvgPool1DAttribute : LayerAttribute
{
    /// <summary>Declares a pooling window of <paramref name="pool"/> (default 2).</summary>
    public AvgPool1DAttribute(int pool = 2) => Pool = pool;

    /// <summary>Window size.</summary>
    public int Pool { get; }

    /// <summary>Stride; 0 (default) means the window size.</summary>
    public int Stride { get; set; }
}
