namespace ModelDsl;

/// <summary>2-D convolution, channels first: (channels, height, width) → (filters, height′, width′).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class Conv2DAttribute : LayerAttribute
{
    /// <summary>Declares a convolution with <paramref name="filters"/> output channels.</summary>
    public Conv2DAttribute(int filters) => Filters = filters;

    /// <summary>Number of output channels.</summary>
    public int Filters { get; }

    /// <summary>Kernel size (default 3).</summary>
    public int Kernel { get; set; } = 3;

    /// <summary>Stride (default 1).</summary>
    public int Stride { get; set; } = 1;

    /// <summary>Valid (default) or Same (stride 1 only).</summary>
    public Padding Padding { get; set; }

    /// <summary>Explicit zero padding on each side, with <see cref="Padding.Valid"/>.</summary>
    public int PaddingSize { get; set; }

    /// <summary>Spacing between kernel elements (default 1).</summary>
    public int Dilation { get; set; } = 1;

    /// <summary>Whether the layer has a bias (default true).</summary>
    public bool UseBias { get; set; } = true;

    /// <summary>Activation applied to the output.</summary>
    public Activation Activation { get; set; }
}
