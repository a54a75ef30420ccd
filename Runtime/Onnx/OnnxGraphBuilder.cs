using Google.Protobuf;
using Onnx;
using TorchSharp;

namespace ModelDsl.Onnx;

/// <summary>
/// Builds the ONNX graph of a generated module, one layer per call, with the weights read from the module's state dict
/// when the layer is added (parameters and buffers under the names TorchSharp registers, which become the initializers'
/// names). Generated <c>ExportOnnx</c> methods call it; every layer is in inference form: BatchNorm uses its running
/// statistics and Dropout is the identity. The batch dimension is dynamic (<see cref="BatchDimension"/>). Each method
/// returns the name of the value it produced, the layer's name; helper values inside a layer are named
/// <c>layer/step</c>, which no layer name can be.
/// </summary>
public sealed partial class OnnxGraphBuilder
{
    /// <summary>The lowest opset the export writes: LayerNormalization needs 17.</summary>
    public const int MinimumOpset = 17;

    /// <summary>The highest opset the export writes (the operators used here are unchanged up to it, ReduceMean aside).</summary>
    public const int MaximumOpset = 21;

    /// <summary>The symbolic name of the batch dimension of every input and output.</summary>
    public const string BatchDimension = "batch";

    private readonly GraphProto _graph = new();
    private readonly Dictionary<string, torch.Tensor> _weights;
    private readonly HashSet<string> _values = new(StringComparer.Ordinal);
    private readonly List<(string Key, string Value)> _metadata = [];

    /// <summary>Starts an empty graph named <paramref name="modelName"/> over <paramref name="module"/>'s weights.</summary>
    /// <param name="module">The module whose parameters and buffers become initializers, read as they are now.</param>
    /// <param name="modelName">The model's class name, the graph's name.</param>
    /// <param name="opset">The ONNX opset to write, from <see cref="MinimumOpset"/> to <see cref="MaximumOpset"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">The opset is outside the supported range.</exception>
    public OnnxGraphBuilder(torch.nn.Module module, string modelName, int opset)
    {
        ArgumentNullException.ThrowIfNull(module);
        if (opset < MinimumOpset || opset > MaximumOpset)
            throw new ArgumentOutOfRangeException(nameof(opset), opset,
                $"ONNX export writes opsets {MinimumOpset} to {MaximumOpset} (LayerNormalization needs {MinimumOpset}); {opset} is outside that range.");
        Opset = opset;
        _graph.Name = modelName;
        _weights = module.state_dict();
    }

    /// <summary>The opset being written.</summary>
    public int Opset { get; }

    /// <summary>Declares a float32 input shaped (batch, <paramref name="shape"/>).</summary>
    public string FloatInput(string name, params long[] shape) => Input(name, TensorProto.Types.DataType.Float, shape);

    /// <summary>Declares an int64 input of token ids shaped (batch, <paramref name="shape"/>).</summary>
    public string TokenInput(string name, params long[] shape) => Input(name, TensorProto.Types.DataType.Int64, shape);

    /// <summary>Marks <paramref name="value"/> as a graph output, a float32 tensor shaped (batch, <paramref name="shape"/>).</summary>
    public void Output(string value, params long[] shape) => _graph.Output.Add(ValueInfo(value, TensorProto.Types.DataType.Float, shape));

    /// <summary>Adds a key/value pair to the model's <c>metadata_props</c>.</summary>
    public void Metadata(string key, string value) => _metadata.Add((key, value));

    /// <summary>The finished model.</summary>
    public ModelProto Build()
    {
        var model = new ModelProto
        {
            IrVersion = IrVersionOf(Opset),
            ProducerName = "ModelDsl",
            ProducerVersion = typeof(OnnxGraphBuilder).Assembly.GetName().Version?.ToString() ?? "",
            Graph = _graph,
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = Opset });
        foreach (var (key, value) in _metadata)
            model.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
        return model;
    }

    /// <summary>Writes the model to <paramref name="path"/> through a temporary file, so a failed write leaves no truncated model.</summary>
    public void Save(string path)
    {
        string full = Path.GetFullPath(path);
        string temporary = full + ".tmp";
        File.WriteAllBytes(temporary, Build().ToByteArray());
        File.Move(temporary, full, overwrite: true);
    }

    /// <summary>The IR version that goes with an opset (ONNX 1.12 reads IR 8, which opsets 17 and 18 use).</summary>
    private static long IrVersionOf(int opset) => opset switch
    {
        <= 18 => 8,
        <= 20 => 9,
        _ => 10,
    };

    private string Input(string name, TensorProto.Types.DataType type, long[] shape)
    {
        Claim(name);
        _graph.Input.Add(ValueInfo(name, type, shape));
        return name;
    }

    private static ValueInfoProto ValueInfo(string name, TensorProto.Types.DataType type, long[] shape)
    {
        var tensorShape = new TensorShapeProto();
        tensorShape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = BatchDimension });
        foreach (long size in shape)
            tensorShape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = size });
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = tensorShape } },
        };
    }

    /// <summary>Records a value name, refusing a second value of the same name (a defect in the caller).</summary>
    private void Claim(string name)
    {
        if (!_values.Add(name))
            throw new InvalidOperationException($"The ONNX graph already has a value named '{name}'.");
    }

    /// <summary>Adds one node producing <paramref name="output"/> (also the node's name) and returns it.</summary>
    private string Node(string opType, string output, IEnumerable<string> inputs, params AttributeProto[] attributes)
    {
        Claim(output);
        var node = new NodeProto { OpType = opType, Name = output };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        node.Attribute.AddRange(attributes);
        _graph.Node.Add(node);
        return output;
    }

    /// <summary>A node with several outputs, named <paramref name="name"/>.</summary>
    private string[] Node(string opType, string name, IEnumerable<string> inputs, string[] outputs, params AttributeProto[] attributes)
    {
        var node = new NodeProto { OpType = opType, Name = name };
        node.Input.AddRange(inputs);
        foreach (string output in outputs)
        {
            if (output.Length > 0)
                Claim(output);
            node.Output.Add(output);
        }
        node.Attribute.AddRange(attributes);
        _graph.Node.Add(node);
        return outputs;
    }

    /// <summary>The state-dict tensor <paramref name="name"/> as an initializer of the same name (added once).</summary>
    private string Weight(string name)
    {
        if (_values.Contains(name))
            return name;
        if (!_weights.TryGetValue(name, out torch.Tensor? tensor))
            throw new InvalidOperationException($"The module has no parameter or buffer named '{name}' to export.");
        return Initializer(name, tensor);
    }

    /// <summary>True when the module has a parameter or buffer <paramref name="name"/> (an optional bias).</summary>
    private bool HasWeight(string name) => _weights.ContainsKey(name);

    /// <summary>The state-dict tensor <paramref name="name"/> itself, for weights converted before export.</summary>
    private torch.Tensor WeightTensor(string name) =>
        _weights.TryGetValue(name, out torch.Tensor? tensor) ? tensor : throw new InvalidOperationException($"The module has no parameter or buffer named '{name}' to export.");

    /// <summary>Adds <paramref name="tensor"/> (any float dtype, any device) as a float32 initializer.</summary>
    private string Initializer(string name, torch.Tensor tensor)
    {
        Claim(name);
        using var scope = torch.NewDisposeScope();
        float[] values = tensor.detach().cpu().to_type(torch.ScalarType.Float32).contiguous().data<float>().ToArray();
        _graph.Initializer.Add(FloatTensor(name, tensor.shape, values));
        return name;
    }

    /// <summary>A float32 initializer from values (shape <paramref name="shape"/>).</summary>
    private string Constant(string name, long[] shape, params float[] values)
    {
        Claim(name);
        _graph.Initializer.Add(FloatTensor(name, shape, values));
        return name;
    }

    /// <summary>An int64 initializer (shapes, axes, indices, split sizes).</summary>
    private string Int64Constant(string name, long[] shape, params long[] values)
    {
        Claim(name);
        var proto = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Int64 };
        proto.Dims.AddRange(shape);
        proto.RawData = ByteString.CopyFrom(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()));
        _graph.Initializer.Add(proto);
        return name;
    }

    /// <summary>A 1-D int64 initializer.</summary>
    private string Int64Vector(string name, params long[] values) => Int64Constant(name, [values.Length], values);

    private static TensorProto FloatTensor(string name, long[] shape, float[] values)
    {
        var proto = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        proto.Dims.AddRange(shape);
        // Raw little-endian data, as ONNX stores it; BitConverter order is little-endian on every platform .NET runs here.
        proto.RawData = ByteString.CopyFrom(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()));
        return proto;
    }

    private static AttributeProto Attribute(string name, long value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value };

    private static AttributeProto Attribute(string name, float value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = value };

    private static AttributeProto Attribute(string name, string value) =>
        new() { Name = name, Type = AttributeProto.Types.AttributeType.String, S = ByteString.CopyFromUtf8(value) };

    private static AttributeProto Attribute(string name, long[] values)
    {
        var attribute = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        attribute.Ints.AddRange(values);
        return attribute;
    }
}
