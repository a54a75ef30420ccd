namespace ModelDsl;

/// <summary>Convolution padding mode.</summary>
public enum Padding
{
    /// <summary>No implicit padding (add explicit padding with <c>PaddingSize</c>).</summary>
    Valid,
    /// <summary>Pad so the output is as long as the input (stride 1 only, as in PyTorch).</summary>
    Same,
}
