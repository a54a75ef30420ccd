using System.Buffers.Binary;
using Google.Protobuf;
using Onnx;
using TorchSharp;

namespace ModelDsl.Pretrained;

/// <summary>
/// The weights of an ONNX export of a BERT model (parsed with OnnxSharp): float32 initializers that carry Hugging Face
/// names are taken by name; the exporter gives linear weights numeric names (<c>927</c>) and stores them as
/// <c>[in, out]</c> for <c>MatMul</c>, so each is named after the bias its product is added to
/// (<c>MatMul → Add(…query.bias)</c> makes <c>…query.weight</c>) and transposed to PyTorch's <c>[out, in]</c>.
/// Initializers without a dot in their name that no MatMul reads are graph constants and are skipped.
/// </summary>
internal sealed class OnnxInitializers : TensorSource
{
    private const string BiasSuffix = ".bias";
    private readonly Dictionary<string, (TensorProto Tensor, bool Transpose)> _tensors;
    private readonly Dictionary<string, string> _sourceNames;
    private readonly Dictionary<string, long[]> _shapes;

    private OnnxInitializers(string description, Dictionary<string, (TensorProto, bool)> tensors)
    {
        Description = description;
        _tensors = tensors;
        _sourceNames = ParameterNames.ForEncoder(tensors.Keys);
        _shapes = _sourceNames.ToDictionary(n => n.Key, n => Shape(tensors[n.Value].Item1, tensors[n.Value].Item2), StringComparer.Ordinal);
    }

    /// <inheritdoc />
    public override string Description { get; }

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, long[]> Shapes => _shapes;

    /// <summary>Parses <paramref name="model"/>; null when the bytes are not an ONNX model.</summary>
    /// <exception cref="PretrainedWeightsException">A MatMul weight cannot be named, or a named weight is not float32.</exception>
    public static OnnxInitializers? TryParse(Stream model, string description)
    {
        ModelProto proto;
        try
        {
            proto = ModelProto.Parser.ParseFrom(model);
        }
        catch (InvalidProtocolBufferException)
        {
            return null;
        }
        // Protobuf decodes many byte strings as some message; a real export has a graph with nodes.
        if (proto.Graph is null || proto.Graph.Node.Count == 0 || proto.IrVersion <= 0)
            return null;
        return new OnnxInitializers(description, Name(proto.Graph, description));
    }

    /// <inheritdoc />
    public override Dictionary<string, torch.Tensor> Read(IReadOnlyCollection<string> names)
    {
        var result = new Dictionary<string, torch.Tensor>(StringComparer.Ordinal);
        foreach (string name in names)
        {
            (TensorProto tensor, bool transpose) = _tensors[_sourceNames[name]];
            float[] values = Values(tensor);
            using var stored = torch.tensor(values, tensor.Dims.ToArray());
            result[name] = transpose ? stored.t().contiguous() : stored.clone();
        }
        return result;
    }

    // The initializers the encoder may take, by their Hugging Face (source) name, with whether each must be transposed.
    private static Dictionary<string, (TensorProto, bool)> Name(GraphProto graph, string description)
    {
        var initializers = graph.Initializer.ToDictionary(i => i.Name, StringComparer.Ordinal);
        var consumers = new Dictionary<string, List<NodeProto>>(StringComparer.Ordinal);
        foreach (NodeProto node in graph.Node)
            foreach (string input in node.Input)
                (consumers.TryGetValue(input, out var list) ? list : consumers[input] = []).Add(node);

        var named = new Dictionary<string, (TensorProto, bool)>(StringComparer.Ordinal);
        foreach (TensorProto tensor in graph.Initializer.Where(t => t.Name.Contains('.', StringComparison.Ordinal)))
        {
            if (tensor.DataType == (int)TensorProto.Types.DataType.Float)
                named[tensor.Name] = (tensor, false);
            else if (IsFloatingPoint(tensor.DataType))
                throw new PretrainedWeightsException($"{description}: initializer '{tensor.Name}' is {(TensorProto.Types.DataType)tensor.DataType}; only float32 weights can be imported.");
        }

        foreach (NodeProto matMul in graph.Node.Where(n => n.OpType == "MatMul"))
            foreach (string input in matMul.Input)
            {
                if (!initializers.TryGetValue(input, out TensorProto? weight) || weight.Dims.Count != 2 || named.ContainsKey(input))
                    continue;
                string? bias = consumers.GetValueOrDefault(matMul.Output[0])?
                    .Where(n => n.OpType == "Add")
                    .SelectMany(n => n.Input)
                    .FirstOrDefault(i => i.EndsWith(BiasSuffix, StringComparison.Ordinal) && initializers.ContainsKey(i));
                if (bias is null)
                    throw new PretrainedWeightsException($"{description}: MatMul weight '{input}' {Text(weight.Dims.ToArray())} feeds no Add with a named '*.bias' initializer, so its Hugging Face name cannot be found.");
                if (weight.DataType != (int)TensorProto.Types.DataType.Float)
                    throw new PretrainedWeightsException($"{description}: MatMul weight '{input}' (for '{bias}') is {(TensorProto.Types.DataType)weight.DataType}; only float32 weights can be imported.");
                named[bias[..^BiasSuffix.Length] + ".weight"] = (weight, true);
            }
        return named;
    }

    private static bool IsFloatingPoint(int type) => (TensorProto.Types.DataType)type is
        TensorProto.Types.DataType.Float16 or TensorProto.Types.DataType.Double or TensorProto.Types.DataType.Bfloat16;

    private static long[] Shape(TensorProto tensor, bool transpose)
    {
        long[] dims = tensor.Dims.ToArray();
        return transpose ? [.. dims.Reverse()] : dims;
    }

    private static float[] Values(TensorProto tensor)
    {
        if (tensor.FloatData.Count > 0)
            return tensor.FloatData.ToArray();
        ReadOnlySpan<byte> raw = tensor.RawData.Span;
        var values = new float[raw.Length / sizeof(float)];
        for (int i = 0; i < values.Length; i++)
            values[i] = BinaryPrimitives.ReadSingleLittleEndian(raw.Slice(i * sizeof(float), sizeof(float)));
        return values;
    }

    private static string Text(long[] shape) => "[" + string.Join(", ", shape) + "]";
}
