using ModelDsl.Checkpoints;
using TorchSharp;
using TorchSharp.PyBridge;

namespace ModelDsl.Pretrained;

/// <summary>A safetensors file (Hugging Face's <c>model.safetensors</c>), read through TorchSharp.PyBridge.</summary>
internal sealed class SafetensorsWeights : TensorSource
{
    private readonly string _path;
    private readonly Dictionary<string, string> _sourceNames;
    private readonly Dictionary<string, long[]> _shapes;

    private SafetensorsWeights(string path, IReadOnlyDictionary<string, long[]> header)
    {
        _path = path;
        _sourceNames = ParameterNames.ForEncoder(header.Keys);
        _shapes = _sourceNames.ToDictionary(n => n.Key, n => header[n.Value], StringComparer.Ordinal);
    }

    /// <inheritdoc />
    public override string Description => $"'{_path}'";

    /// <inheritdoc />
    public override IReadOnlyDictionary<string, long[]> Shapes => _shapes;

    /// <summary>True when the file starts as safetensors does: an 8-byte little-endian header length, then a JSON object.</summary>
    public static bool LooksLikeSafetensors(string path)
    {
        using FileStream stream = File.OpenRead(path);
        Span<byte> start = stackalloc byte[9];
        if (stream.ReadAtLeast(start, 9, throwOnEndOfStream: false) < 9)
            return false;
        ulong length = System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(start);
        return length > 1 && length <= (ulong)stream.Length - 8 && start[8] == (byte)'{';
    }

    /// <summary>Reads the header (names and shapes); the data is read by <see cref="Read"/>.</summary>
    /// <exception cref="PretrainedWeightsException">The header cannot be read.</exception>
    public static SafetensorsWeights Open(string path)
    {
        try
        {
            return new SafetensorsWeights(path, WeightExport.ReadSafetensorsShapes(path));
        }
        catch (CheckpointException ex)
        {
            throw new PretrainedWeightsException(ex.Message, ex);
        }
    }

    /// <inheritdoc />
    public override Dictionary<string, torch.Tensor> Read(IReadOnlyCollection<string> names)
    {
        Dictionary<string, torch.Tensor> loaded = Safetensors.LoadStateDict(_path, names.Select(n => _sourceNames[n]).ToList());
        var result = new Dictionary<string, torch.Tensor>(StringComparer.Ordinal);
        foreach (string name in names)
        {
            torch.Tensor tensor = loaded[_sourceNames[name]];
            // Checkpoints saved in half precision load into the float32 encoder.
            result[name] = tensor.dtype == torch.ScalarType.Float32 ? tensor : tensor.to(torch.ScalarType.Float32);
            if (!ReferenceEquals(result[name], tensor))
                tensor.Dispose();
        }
        return result;
    }
}
