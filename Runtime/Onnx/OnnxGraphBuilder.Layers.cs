namespace ModelDsl.Onnx;

// The layers that are one or a few ONNX nodes: dense, convolution, pooling, normalisation, shape changes, merges.
public sealed partial class OnnxGraphBuilder
{
    /// <summary>Dense on (batch, features): <c>Gemm</c> with the weight as stored ([units, features], <c>transB</c>), then the activation.</summary>
    public string Dense(string name, string input, string activation = "none")
    {
        var inputs = new List<string> { input, Weight(name + ".weight") };
        if (HasWeight(name + ".bias"))
            inputs.Add(Weight(name + ".bias"));
        return Activate(name, activation, output => Node("Gemm", output, inputs, Attribute("transB", 1L)));
    }

    /// <summary>
    /// Conv1D/Conv2D (the rank comes from the weight): <c>Conv</c> with explicit pads. "Same" padding (stride 1) pads
    /// <c>dilation × (kernel − 1)</c> in all, the smaller half first, as PyTorch does; then the activation.
    /// </summary>
    public string Conv(string name, string input, long kernel, long stride, long padding, long dilation, bool samePadding, string activation = "none")
    {
        int rank = WeightTensor(name + ".weight").shape.Length - 2;
        long total = samePadding ? dilation * (kernel - 1) : 2 * padding;
        long before = samePadding ? total / 2 : padding, after = total - before;
        var inputs = new List<string> { input, Weight(name + ".weight") };
        if (HasWeight(name + ".bias"))
            inputs.Add(Weight(name + ".bias"));
        return Activate(name, activation, output => Node("Conv", output, inputs,
            Attribute("kernel_shape", Repeat(kernel, rank)),
            Attribute("strides", Repeat(samePadding ? 1 : stride, rank)),
            Attribute("dilations", Repeat(dilation, rank)),
            Attribute("pads", Repeat(before, rank).Concat(Repeat(after, rank)).ToArray())));
    }

    /// <summary>MaxPool/AvgPool over <paramref name="spatialRank"/> axes, no padding, floor mode (PyTorch's defaults).</summary>
    public string Pool(string name, string input, bool max, int spatialRank, long pool, long stride) =>
        Node(max ? "MaxPool" : "AveragePool", name, [input],
            Attribute("kernel_shape", Repeat(pool, spatialRank)), Attribute("strides", Repeat(stride, spatialRank)));

    /// <summary>The mean over every spatial axis: <c>GlobalAveragePool</c>, then <c>Flatten</c> to (batch, channels).</summary>
    public string GlobalAvgPool(string name, string input) =>
        Node("Flatten", name, [Node("GlobalAveragePool", name + "/pooled", [input])], Attribute("axis", 1L));

    /// <summary>BatchNorm in inference form: <c>BatchNormalization</c> with the running mean and variance.</summary>
    public string BatchNorm(string name, string input, double epsilon) =>
        Node("BatchNormalization", name,
            [input, Weight(name + ".weight"), Weight(name + ".bias"), Weight(name + ".running_mean"), Weight(name + ".running_var")],
            Attribute("epsilon", (float)epsilon));

    /// <summary>LayerNorm over the last axis: <c>LayerNormalization</c> (opset 17).</summary>
    public string LayerNorm(string name, string input, double epsilon) => LayerNormalization(name, name, input, epsilon);

    /// <summary>A standalone activation (<c>Identity</c> for none/linear, or when it is left to prediction).</summary>
    public string Activation(string name, string input, string activation) => ActivationNode(name, input, activation);

    /// <summary>Dropout at inference: <c>Identity</c>.</summary>
    public string Dropout(string name, string input) => Node("Identity", name, [input]);

    /// <summary>Embedding: <c>Gather</c> of the weight's rows by token id.</summary>
    public string Embedding(string name, string input) => Node("Gather", name, [Weight(name + ".weight"), input], Attribute("axis", 0L));

    /// <summary>Every axis after the batch into one: <c>Flatten</c>.</summary>
    public string Flatten(string name, string input) => Node("Flatten", name, [input], Attribute("axis", 1L));

    /// <summary>Reshape keeping the batch: <c>Reshape</c> to (0, <paramref name="shape"/>), 0 copying the batch size.</summary>
    public string Reshape(string name, string input, params long[] shape) =>
        Node("Reshape", name, [input, Int64Vector(name + "/shape", [0, .. shape])]);

    /// <summary>SequencePool over (batch, time, width): <c>Gather</c> of the first or last step, or <c>ReduceMean</c> over time.</summary>
    public string SequencePool(string name, string input, SequencePooling mode, long time) => mode switch
    {
        SequencePooling.Mean => ReduceMean(name, input, 1, keepDimensions: false),
        _ => Node("Gather", name, [input, Int64Constant(name + "/step", [], mode == SequencePooling.Last ? time - 1 : 0)], Attribute("axis", 1L)),
    };

    /// <summary>The element-wise sum of the inputs, added left to right as the module does.</summary>
    public string Add(string name, params string[] inputs) => Chain("Add", name, inputs);

    /// <summary>The element-wise product of the inputs, left to right.</summary>
    public string Multiply(string name, params string[] inputs) => Chain("Mul", name, inputs);

    /// <summary>Concatenation along <paramref name="axis"/> (counting the batch as axis 0).</summary>
    public string Concatenate(string name, long axis, params string[] inputs) => Node("Concat", name, inputs, Attribute("axis", axis));

    private string Chain(string opType, string name, string[] inputs)
    {
        string sum = inputs[0];
        for (int i = 1; i < inputs.Length; i++)
            sum = Node(opType, i == inputs.Length - 1 ? name : $"{name}/{i}", [sum, inputs[i]]);
        return sum;
    }

    private string LayerNormalization(string output, string weights, string input, double epsilon) =>
        Node("LayerNormalization", output, [input, Weight(weights + ".weight"), Weight(weights + ".bias")],
            Attribute("axis", -1L), Attribute("epsilon", (float)epsilon));

    /// <summary>ReduceMean over one axis; opset 18 moved the axes from an attribute to an input.</summary>
    private string ReduceMean(string output, string input, long axis, bool keepDimensions) => Opset >= 18
        ? Node("ReduceMean", output, [input, Int64Vector(output + "/axes", axis)], Attribute("keepdims", keepDimensions ? 1L : 0L))
        : Node("ReduceMean", output, [input], Attribute("axes", [axis]), Attribute("keepdims", keepDimensions ? 1L : 0L));

    /// <summary>
    /// Writes a layer and its activation: with none the layer's own node is the output; otherwise the layer's node is
    /// <c>name/linear</c> and the activation produces <paramref name="name"/>.
    /// </summary>
    private string Activate(string name, string activation, Func<string, string> layer) =>
        activation is "none" or "linear" or "" ? layer(name) : ActivationNode(name, layer(name + "/linear"), activation);

    /// <summary>The nodes of one activation, as TorchSharp computes it (softmax over axis 1, GELU exact, leaky slope 0.01).</summary>
    private string ActivationNode(string output, string input, string activation) => activation switch
    {
        "relu" => Node("Relu", output, [input]),
        "tanh" => Node("Tanh", output, [input]),
        "sigmoid" => Node("Sigmoid", output, [input]),
        "softmax" => Node("Softmax", output, [input], Attribute("axis", 1L)),
        "leaky_relu" => Node("LeakyRelu", output, [input], Attribute("alpha", 0.01f)),
        "elu" => Node("Elu", output, [input], Attribute("alpha", 1f)),
        "silu" => Node("Mul", output, [input, Node("Sigmoid", output + "/sigmoid", [input])]),
        "gelu" => Gelu(output, input),
        "none" or "linear" or "" => Node("Identity", output, [input]),
        _ => throw new ArgumentException($"'{activation}' is not an activation the ONNX export knows.", nameof(activation)),
    };

    /// <summary>The exact GELU, x · ½ · (1 + erf(x / √2)): the Gelu operator exists only from opset 20.</summary>
    private string Gelu(string output, string input)
    {
        string scaled = Node("Div", output + "/scaled", [input, Constant(output + "/sqrt2", [], MathF.Sqrt(2))]);
        string erf = Node("Erf", output + "/erf", [scaled]);
        string shifted = Node("Add", output + "/shifted", [erf, Constant(output + "/one", [], 1f)]);
        string product = Node("Mul", output + "/product", [input, shifted]);
        return Node("Mul", output, [product, Constant(output + "/half", [], 0.5f)]);
    }

    private static long[] Repeat(long value, int count) => Enumerable.Repeat(value, count).ToArray();
}
