using Onnx;

namespace ModelDsl.Onnx;

// Padding masks and the BERT encoder in standard operators, computed as the TorchSharp modules compute them.
public sealed partial class OnnxGraphBuilder
{
    /// <summary>The padding mask of token input <paramref name="tokens"/>: bool (batch, time), true at real tokens.</summary>
    public string PaddingMask(string name, string tokens, long paddingId) =>
        Node("Not", name, [Node("Equal", name + "/padding", [tokens, Int64Constant(name + "/id", [], paddingId)])]);

    /// <summary>
    /// SequencePool over (batch, time, width) under a padding mask: the mean of the real tokens (at least one counted, so
    /// a row of padding gives zeros), or each row's last real token; the first step is position 0 as without a mask.
    /// </summary>
    public string MaskedSequencePool(string name, string input, string mask, SequencePooling mode, long time, long width)
    {
        if (mode == SequencePooling.First)
            return SequencePool(name, input, mode, time);
        if (mode == SequencePooling.Mean)
        {
            string weights = Node("Unsqueeze", name + "/weights", [Node("Cast", name + "/real", [mask], Attribute("to", (long)TensorProto.Types.DataType.Float)),
                Int64Vector(name + "/weights_axes", 2)]);
            string axes = Int64Vector(name + "/time_axis", 1);
            string sum = Node("ReduceSum", name + "/sum", [Node("Mul", name + "/masked", [input, weights]), axes], Attribute("keepdims", 0L));
            string count = Node("Max", name + "/count", [Node("ReduceSum", name + "/tokens", [weights, axes], Attribute("keepdims", 0L)), Constant(name + "/one", [], 1f)]);
            return Node("Div", name, [sum, count]);
        }
        long[] steps = new long[time];
        for (long t = 0; t < time; t++)
            steps[t] = t;
        string positions = Node("Mul", name + "/positions", [Node("Cast", name + "/real", [mask], Attribute("to", (long)TensorProto.Types.DataType.Int64)),
            Int64Vector(name + "/steps", steps)]);
        string last = Node("ArgMax", name + "/last", [positions], Attribute("axis", 1L), Attribute("keepdims", 1L));
        string index = Node("Expand", name + "/index", [Node("Unsqueeze", name + "/last_step", [last, Int64Vector(name + "/last_axes", 2)]),
            Int64Vector(name + "/index_shape", 1, 1, width)]);
        string gathered = Node("GatherElements", name + "/gathered", [input, index], Attribute("axis", 1L));
        return Node("Squeeze", name, [gathered, Int64Vector(name + "/squeeze_axes", 1)]);
    }

    /// <summary>The additive attention bias of a padding mask: 0 for real keys, float's lowest value for padding, (batch, 1, 1, time).</summary>
    private string AttentionBias(string name, string mask) =>
        Node("Unsqueeze", name, [Node("Where", name + "/values", [mask, Constant(name + "/zero", [], 0f), Constant(name + "/lowest", [], float.MinValue)]),
            Int64Vector(name + "/axes", 1, 2)]);

    /// <summary>
    /// A BERT encoder as ModelDsl.Layers.BertEncoder computes it in eval mode, from its weights under Hugging Face's names
    /// (<c>name.embeddings.word_embeddings.weight</c>, <c>name.encoder.layer.N.attention.self.query.weight</c>, …): word +
    /// position + token-type-0 embeddings and LayerNorm, then post-LN layers of masked softmax attention and an exact-GELU
    /// feed-forward block. <paramref name="mask"/> is the bool padding mask (true at real tokens), or null for none.
    /// </summary>
    public string BertEncoder(string name, string ids, string? mask, long heads, long layers, long time, double layerNormEps)
    {
        string e = name + ".embeddings.";
        long[] steps = new long[time];
        for (long t = 0; t < time; t++)
            steps[t] = t;
        string words = Node("Gather", name + "/words", [Weight(e + "word_embeddings.weight"), ids], Attribute("axis", 0L));
        string positions = Node("Gather", name + "/positions", [Weight(e + "position_embeddings.weight"), Int64Vector(name + "/steps", steps)], Attribute("axis", 0L));
        string types = Node("Gather", name + "/types", [Weight(e + "token_type_embeddings.weight"), Int64Constant(name + "/type", [], 0)], Attribute("axis", 0L));
        string embedded = Node("Add", name + "/embedded", [Node("Add", name + "/positioned", [words, positions]), types]);
        string x = LayerNormalization(name + "/embeddings", e + "LayerNorm", embedded, layerNormEps);
        string? bias = mask is null ? null : AttentionBias(name + "/bias", mask);
        for (long layer = 0; layer < layers; layer++)
            x = BertLayer($"{name}.encoder.layer.{layer}.", $"{name}/l{layer}/", layer == layers - 1 ? name : $"{name}/l{layer}", x, bias, heads, layerNormEps);
        return x;
    }

    /// <summary>One BERT layer: x = LN(x + O(attention)); x = LN(x + output(GELU(intermediate(x)))).</summary>
    private string BertLayer(string weights, string at, string output, string input, string? bias, long heads, double eps)
    {
        long width = WeightTensor(weights + "attention.self.query.weight").shape[0], head = width / heads;
        string headShape = Int64Vector(at + "head_shape", 0, 0, heads, head);
        string Heads(string part, long[] perm) => Node("Transpose", at + part + "_heads",
            [Node("Reshape", at + part + "_split", [Linear(at + part, input, weights + $"attention.self.{part}.weight", weights + $"attention.self.{part}.bias"), headShape])],
            Attribute("perm", perm));
        string q = Heads("query", [0L, 2, 1, 3]), k = Heads("key", [0L, 2, 3, 1]), v = Heads("value", [0L, 2, 1, 3]);
        string scores = Node("Mul", at + "scores", [Node("MatMul", at + "qk", [q, k]), Constant(at + "scale", [], 1f / MathF.Sqrt(head))]);
        if (bias is not null)
            scores = Node("Add", at + "masked_scores", [scores, bias]);
        string context = Node("MatMul", at + "context", [Node("Softmax", at + "attention", [scores], Attribute("axis", -1L)), v]);
        string merged = Node("Reshape", at + "merged", [Node("Transpose", at + "context_steps", [context], Attribute("perm", [0L, 2, 1, 3])),
            Int64Vector(at + "merged_shape", 0, 0, width)]);
        string attended = Linear(at + "attended", merged, weights + "attention.output.dense.weight", weights + "attention.output.dense.bias");
        string norm1 = LayerNormalization(at + "norm1", weights + "attention.output.LayerNorm", Node("Add", at + "residual1", [input, attended]), eps);
        string inner = Gelu(at + "inner", Linear(at + "intermediate", norm1, weights + "intermediate.dense.weight", weights + "intermediate.dense.bias"));
        string fed = Linear(at + "output", inner, weights + "output.dense.weight", weights + "output.dense.bias");
        return LayerNormalization(output, weights + "output.LayerNorm", Node("Add", at + "residual2", [norm1, fed]), eps);
    }
}
