namespace ModelDsl.Onnx;

/// <summary>One property of a record as an input of an exported graph (see <see cref="OnnxGraphBuilder.RecordInput"/>).</summary>
/// <param name="Property">The property name, which is the ONNX input's name.</param>
/// <param name="Kind">How it is encoded.</param>
/// <param name="Members">An enum's members in index order (the one-hot columns); empty otherwise.</param>
/// <param name="Quantiles">True for a number scaled by its fitted quantiles rather than standardised.</param>
public sealed record RecordColumn(string Property, RecordColumnKind Kind, IReadOnlyList<string> Members, bool Quantiles)
{
    /// <summary>A number property.</summary>
    public static RecordColumn Number(string property, bool quantiles = false) => new(property, RecordColumnKind.Number, [], quantiles);

    /// <summary>A bool property.</summary>
    public static RecordColumn Flag(string property) => new(property, RecordColumnKind.Flag, [], false);

    /// <summary>An enum property with its members in declaration order.</summary>
    public static RecordColumn OneHot(string property, params string[] members) => new(property, RecordColumnKind.OneHot, members, false);

    /// <summary>An embedded enum: read as its int64 member index and passed on as one float column (the module embeds it).</summary>
    /// <param name="property">The property.</param>
    /// <param name="members">Its members in declaration order (recorded in the metadata).</param>
    public static RecordColumn Index(string property, params string[] members) => new(property, RecordColumnKind.Index, members, false);
}
