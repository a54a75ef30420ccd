namespace ModelDsl.Onnx;

// The transformer encoder in standard operators (MatMul, Softmax, LayerNormalization), no custom domain.
public sealed partial class OnnxGraphBuilder
{
    /// <summary>The layer-norm epsilon of TorchSharp's TransformerEncoderLayer (PyTorch's default).</summary>
    private const double EncoderEpsilon = 1e-5;

    /// <summary>
    /// TransformerEncoder over (batch, time, width): the learned positional embedding <paramref name="positions"/> added,
    /// then <paramref name="layers"/> post-norm encoder layers (multi-head self-attention, ReLU feed-forward), as
    /// TorchSharp's TransformerEncoderLayer computes them in eval mode; weights under
    /// <c>name.layers.N.self_attn.in_proj_weight</c> and the other PyTorch names. Under a padding mask
    /// (<paramref name="mask"/>: bool (batch, time), true at real tokens) no position attends to padding.
    /// </summary>
    public string TransformerEncoder(string name, string input, string positions, long heads, long layers, string? mask = null)
    {
        string x = Node("Add", $"{name}/positioned", [input, Weight(positions)]);
        string? bias = mask is null ? null : AttentionBias(name + "/bias", mask);
        for (long layer = 0; layer < layers; layer++)
            x = EncoderLayer($"{name}.layers.{layer}", $"{name}/l{layer}/", layer == layers - 1 ? name : $"{name}/l{layer}", x, heads, bias);
        return x;
    }

    /// <summary>One post-norm encoder layer: x = norm1(x + attention(x)); x = norm2(x + linear2(relu(linear1(x)))).</summary>
    /// <param name="at">The prefix of the layer's helper values.</param>
    private string EncoderLayer(string weights, string at, string output, string input, long heads, string? bias)
    {
        long width = WeightTensor(weights + ".self_attn.in_proj_weight").shape[1], head = width / heads;
        // The packed query/key/value projection, split into three (batch, time, width).
        string packed = Linear(at + "qkv", input, weights + ".self_attn.in_proj_weight", weights + ".self_attn.in_proj_bias");
        string[] qkv = Node("Split", at + "split", [packed, Int64Vector(at + "split_sizes", width, width, width)],
            [at + "q", at + "k", at + "v"], Attribute("axis", 2L));
        string headShape = Int64Vector(at + "head_shape", 0, 0, heads, head);
        // (batch, heads, time, head) for queries and values, (batch, heads, head, time) for keys.
        string q = Node("Transpose", at + "q_heads", [Node("Reshape", at + "q_split", [qkv[0], headShape])], Attribute("perm", [0L, 2, 1, 3]));
        string k = Node("Transpose", at + "k_heads", [Node("Reshape", at + "k_split", [qkv[1], headShape])], Attribute("perm", [0L, 2, 3, 1]));
        string v = Node("Transpose", at + "v_heads", [Node("Reshape", at + "v_split", [qkv[2], headShape])], Attribute("perm", [0L, 2, 1, 3]));
        string scores = Node("Mul", at + "scores", [Node("MatMul", at + "qk", [q, k]), Constant(at + "scale", [], 1f / MathF.Sqrt(head))]);
        if (bias is not null)
            scores = Node("Add", at + "masked_scores", [scores, bias]);
        string attention = Node("Softmax", at + "attention", [scores], Attribute("axis", -1L));
        string context = Node("MatMul", at + "context", [attention, v]);
        string merged = Node("Reshape", at + "merged", [Node("Transpose", at + "context_steps", [context], Attribute("perm", [0L, 2, 1, 3])),
            Int64Vector(at + "merged_shape", 0, 0, width)]);
        string attended = Linear(at + "attended", merged, weights + ".self_attn.out_proj.weight", weights + ".self_attn.out_proj.bias");
        string norm1 = LayerNormalization(at + "norm1", weights + ".norm1", Node("Add", at + "residual1", [input, attended]), EncoderEpsilon);
        string hidden = Node("Relu", at + "hidden", [Linear(at + "linear1", norm1, weights + ".linear1.weight", weights + ".linear1.bias")]);
        string fed = Linear(at + "linear2", hidden, weights + ".linear2.weight", weights + ".linear2.bias");
        return LayerNormalization(output, weights + ".norm2", Node("Add", at + "residual2", [norm1, fed]), EncoderEpsilon);
    }

    /// <summary>x · Wᵀ + b on the last axis of any rank: <c>MatMul</c> with the transposed weight (folded by runtimes), then <c>Add</c>.</summary>
    private string Linear(string output, string input, string weight, string bias)
    {
        string transposed = weight + "/transposed";
        if (!_values.Contains(transposed))
            Node("Transpose", transposed, [Weight(weight)], Attribute("perm", [1L, 0]));
        return Node("Add", output, [Node("MatMul", output + "/matmul", [input, transposed]), Weight(bias)]);
    }
}
