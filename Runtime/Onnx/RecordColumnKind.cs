namespace ModelDsl.Onnx;

/// <summary>How a raw record column enters the exported graph.</summary>
public enum RecordColumnKind
{
    /// <summary>A float32 number, standardised (or quantile-scaled) with the fitted statistics.</summary>
    Number,

    /// <summary>A bool as float32 0/1, used as is.</summary>
    Flag,

    /// <summary>An enum as its int64 member index, one-hot encoded.</summary>
    OneHot,

    /// <summary>An embedded enum (<c>[Embed]</c>): its member index as one float column, which the module embeds.</summary>
    Index,
}
