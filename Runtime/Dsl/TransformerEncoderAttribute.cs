namespace ModelDsl;

/// <summary>Transformer encoder layers over (time, width) with a learned positional embedding added first.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class TransformerEncoderAttribute : LayerAttribute
{
    /// <summary>Number of encoder layers (default 2).</summary>
    public int Layers { get; set; } = 2;

    /// <summary>Attention heads; must divide the width (default 4).</summary>
    public int Heads { get; set; } = 4;

    /// <summary>Hidden size of each feed-forward block; 0 (default) means 4 × width.</summary>
    public int FeedForward { get; set; }

    /// <summary>Dropout inside each encoder layer (default 0.1).</summary>
    public double Dropout { get; set; } = 0.1;
}
