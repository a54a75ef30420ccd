using Onnx;
using ModelDsl.Data;

namespace ModelDsl.Onnx;

// A record model's featurizer as graph nodes: raw columns in, the scaled and one-hot row the network reads out.
public sealed partial class OnnxGraphBuilder
{
    /// <summary>
    /// Declares one input per property of a record (each (batch, 1): numbers and bools float32, enums int64 member
    /// indices) and the nodes that turn them into the featurizer's row, as <see cref="TabularFeaturizer{TRecord}"/> writes
    /// it: numbers scaled with <paramref name="scaling"/> (standardised, or ranked among the fitted quantiles), bools as
    /// given, enums one-hot (an index outside the members gives a row of zeros). Returns the (batch, width) row.
    /// </summary>
    /// <param name="name">The model input the row stands for (its value is <c>name/row</c>).</param>
    /// <param name="record">The record class, recorded in the metadata.</param>
    /// <param name="scaling">The fitted statistics of the number columns, in column order.</param>
    /// <param name="columns">Every property in the featurizer's order.</param>
    /// <exception cref="ArgumentException">The statistics were fitted for other number columns.</exception>
    public string RecordInput(string name, string record, FeatureScaling scaling, IReadOnlyList<RecordColumn> columns)
    {
        ArgumentNullException.ThrowIfNull(scaling);
        string[] numbers = columns.Where(c => c.Kind == RecordColumnKind.Number).Select(c => c.Property).ToArray();
        if (!numbers.SequenceEqual(scaling.Columns, StringComparer.Ordinal))
            throw new ArgumentException(
                $"The statistics were fitted for the {scaling.Record} columns [{string.Join(", ", scaling.Columns)}], but {record} has the number columns [{string.Join(", ", numbers)}].",
                nameof(scaling));
        Metadata(OnnxMetadata.Record, record);
        // The columns side by side, then one Sub and one Div over the whole row: the standardised (or robust) numbers get
        // their fitted centre and scale, every other column 0 and 1. Two nodes instead of two per number, which matters
        // for single-record latency, where ONNX Runtime's cost is per node.
        var parts = new List<string>();
        var centre = new List<float>();
        var scale = new List<float>();
        int number = 0;
        foreach (RecordColumn column in columns)
        {
            string raw = Input(column.Property, column.Kind is RecordColumnKind.OneHot or RecordColumnKind.Index ? TensorProto.Types.DataType.Int64 : TensorProto.Types.DataType.Float, [1]);
            string at = $"{name}/{column.Property}";
            switch (column.Kind)
            {
                case RecordColumnKind.Number:
                    if (scaling.Quantiles is { } quantiles && quantiles[number].Count > 0)
                    {
                        parts.Add(QuantileRank(at, raw, quantiles[number]));
                        Unscaled(1);
                    }
                    else
                    {
                        parts.Add(raw);
                        bool robust = scaling.Robust?[number] is not null;
                        centre.Add((float)(robust ? scaling.Robust![number]!.Median : scaling.Mean[number]));
                        scale.Add((float)(robust ? scaling.Robust![number]!.InterquartileRange : scaling.Std[number]));
                    }
                    number++;
                    break;
                case RecordColumnKind.Flag:
                    parts.Add(raw);
                    Unscaled(1);
                    break;
                case RecordColumnKind.Index:
                    Metadata(OnnxMetadata.MembersPrefix + column.Property, string.Join(",", column.Members));
                    parts.Add(Node("Cast", at, [raw], Attribute("to", (long)TensorProto.Types.DataType.Float)));
                    Unscaled(1);
                    break;
                default:
                    Metadata(OnnxMetadata.MembersPrefix + column.Property, string.Join(",", column.Members));
                    string encoded = Node("OneHot", at + "/one_hot", [raw, Int64Constant(at + "/depth", [], column.Members.Count), Constant(at + "/values", [2], 0f, 1f)],
                        Attribute("axis", -1L));
                    parts.Add(Node("Reshape", at, [encoded, Int64Vector(at + "/shape", 0, column.Members.Count)]));
                    Unscaled(column.Members.Count);
                    break;
            }
        }
        bool scales = centre.Zip(scale).Any(p => p.First != 0 || p.Second != 1);
        string row = Node("Concat", scales ? name + "/columns" : name + "/row", parts, Attribute("axis", 1L));
        if (!scales)
            return row;
        string centred = Node("Sub", name + "/centred", [row, Constant(name + "/centre", [centre.Count], centre.ToArray())]);
        return Node("Div", name + "/row", [centred, Constant(name + "/scale", [scale.Count], scale.ToArray())]);

        void Unscaled(int width)
        {
            for (int i = 0; i < width; i++)
            {
                centre.Add(0);
                scale.Add(1);
            }
        }
    }

    /// <summary>
    /// The featurized record (batch, width) as the layers read it, as the TorchSharp module's <c>EmbedFeatures</c>: each
    /// embedded enum's column (its member index as a float) cast to int64 and looked up in the module's
    /// <c>&lt;embedding&gt;.weight</c>, the vector in the index's place, the other columns sliced through unchanged.
    /// </summary>
    /// <param name="name">The output's name (the TorchSharp local, e.g. <c>input_embedded</c>).</param>
    /// <param name="input">The featurized row.</param>
    /// <param name="width">The row's width.</param>
    /// <param name="embedded">Each embedded column with its embedding module's name, in column order.</param>
    public string EmbedColumns(string name, string input, long width, params (long Column, string Embedding)[] embedded)
    {
        ArgumentNullException.ThrowIfNull(embedded);
        var parts = new List<string>();
        long start = 0;
        foreach ((long column, string embedding) in embedded)
        {
            if (column > start)
                parts.Add(Columns($"{name}/columns_{start}", input, start, column));
            string index = Node("Cast", $"{name}/{embedding}/index", [Columns($"{name}/{embedding}/column", input, column, column + 1)],
                Attribute("to", (long)TensorProto.Types.DataType.Int64));
            // Gather of (batch, 1) indices gives (batch, 1, size); the row needs (batch, size).
            string vectors = Node("Gather", $"{name}/{embedding}", [Weight(embedding + ".weight"), index], Attribute("axis", 0L));
            parts.Add(Node("Flatten", $"{name}/{embedding}/flat", [vectors], Attribute("axis", 1L)));
            start = column + 1;
        }
        if (start < width)
            parts.Add(Columns($"{name}/columns_{start}", input, start, width));
        return Node("Concat", name, parts, Attribute("axis", 1L));
    }

    /// <summary>Columns <paramref name="from"/> to <paramref name="to"/> (exclusive) of a (batch, width) tensor.</summary>
    private string Columns(string name, string input, long from, long to) =>
        Node("Slice", name, [input, Int64Vector(name + "/starts", from), Int64Vector(name + "/ends", to), Int64Vector(name + "/axes", 1)]);

    /// <summary>
    /// <see cref="FeatureScaling.Standardize"/> of a quantile column: the rank of the value among the fitted quantiles
    /// (0 to 1) mapped to zero mean and unit variance, (rank − ½)·√12. The rank sums one term per pair of neighbouring
    /// quantiles: how far along the pair the value lies, clipped to [0, 1], and for equal neighbours ½ when the value
    /// equals them (the middle of a run of ties), 1 above and 0 below.
    /// </summary>
    private string QuantileRank(string at, string raw, IReadOnlyList<double> quantiles)
    {
        int pairs = quantiles.Count - 1;
        var low = new float[pairs];
        var inverse = new float[pairs];
        var tie = new float[pairs];
        for (int i = 0; i < pairs; i++)
        {
            low[i] = (float)quantiles[i];
            bool equal = (float)quantiles[i + 1] == (float)quantiles[i];
            tie[i] = equal ? 1 : 0;
            inverse[i] = equal ? 0 : (float)(1 / (quantiles[i + 1] - quantiles[i]));
        }
        string offset = Node("Sub", at + "/offset", [raw, Constant(at + "/low", [pairs], low)]);
        string along = Node("Clip", at + "/along", [Node("Mul", at + "/scaled", [offset, Constant(at + "/inverse", [pairs], inverse)]),
            Constant(at + "/zero", [], 0f), Constant(at + "/one", [], 1f)]);
        string step = Node("Mul", at + "/step", [Node("Add", at + "/sign_up", [Node("Sign", at + "/sign", [offset]), Constant(at + "/one_step", [], 1f)]),
            Constant(at + "/half", [], 0.5f)]);
        string isTie = Node("Cast", at + "/is_tie", [Constant(at + "/tie", [pairs], tie)], Attribute("to", (long)TensorProto.Types.DataType.Bool));
        string term = Node("Where", at + "/term", [isTie, step, along]);
        string rank = Node("Div", at + "/rank", [Node("ReduceSum", at + "/sum", [term, Int64Vector(at + "/axes", 1)], Attribute("keepdims", 1L)),
            Constant(at + "/pairs", [], pairs)]);
        return Node("Mul", at, [Node("Sub", at + "/centered", [rank, Constant(at + "/middle", [], 0.5f)]), Constant(at + "/spread", [], MathF.Sqrt(12))]);
    }
}
