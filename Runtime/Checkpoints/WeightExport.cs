using System.Buffers.Binary;
using System.Text.Json;
using TorchSharp;
using TorchSharp.PyBridge;

namespace ModelDsl.Checkpoints;

/// <summary>
/// Weights exchanged with PyTorch under the names the module registers (e.g. <c>conv2d_1.weight</c>, <c>dense_1.bias</c>):
/// safetensors (<c>safetensors.torch.load_file</c>) or a pickled state dict (<c>torch.load</c>). Files are written through
/// a temporary file and renamed, so an interrupted export never leaves a truncated file under the real name.
/// </summary>
public static class WeightExport
{
    /// <summary>Writes the module's state dict (parameters and buffers) as safetensors (<c>safetensors.torch.load_file(path)</c>).</summary>
    /// <exception cref="CheckpointWriteException">The file cannot be written; the message names it.</exception>
    public static void SaveSafetensors(torch.nn.Module model, string path) =>
        Export(path, temporary => model.save_safetensors(temporary));

    /// <summary>Writes the module's state dict as a PyTorch file (<c>model.load_state_dict(torch.load(path))</c>).</summary>
    /// <exception cref="CheckpointWriteException">The file cannot be written; the message names it.</exception>
    public static void SavePyTorch(torch.nn.Module model, string path) =>
        Export(path, temporary => model.save_py(temporary));

    /// <summary>Loads a PyTorch state-dict file (<c>torch.save(model.state_dict(), path)</c>) into <paramref name="model"/>; names and shapes must match.</summary>
    /// <exception cref="CheckpointException">The file is missing.</exception>
    public static void LoadPyTorch(torch.nn.Module model, string path)
    {
        string full = Path.GetFullPath(path);
        if (!File.Exists(full))
            throw new CheckpointException($"'{full}' does not exist.");
        model.load_py(full);
    }

    /// <summary>Loads a safetensors file into <paramref name="model"/>, checking every name and shape before libtorch sees the data.</summary>
    /// <exception cref="CheckpointException">The file is missing or malformed, or names the first parameter whose name or shape differs.</exception>
    public static void LoadSafetensors(torch.nn.Module model, string path)
    {
        string full = Path.GetFullPath(path);
        IReadOnlyDictionary<string, long[]> saved = ReadSafetensorsShapes(full);
        string? difference = ParameterComparison.FirstDifferenceByName(saved, ParameterComparison.Of(model));
        if (difference is not null)
            throw new CheckpointException($"'{full}' does not fit model '{model.GetName()}': first differing parameter: {difference}.");
        model.load_safetensors(full);
    }

    /// <summary>The tensor names and shapes in a safetensors file's header.</summary>
    /// <exception cref="CheckpointException">The file is missing, truncated or not safetensors; the message names it.</exception>
    public static IReadOnlyDictionary<string, long[]> ReadSafetensorsShapes(string path)
    {
        try
        {
            using FileStream stream = File.OpenRead(path);
            Span<byte> lengthBytes = stackalloc byte[8];
            stream.ReadExactly(lengthBytes);
            ulong length = BinaryPrimitives.ReadUInt64LittleEndian(lengthBytes);
            if (length == 0 || length > (ulong)Math.Min(stream.Length - 8, 100_000_000))
                throw new CheckpointException($"'{path}' is not a safetensors file (header length {length}, file size {stream.Length} bytes).");
            byte[] header = new byte[length];
            stream.ReadExactly(header);
            using JsonDocument document = JsonDocument.Parse(header);
            var shapes = new Dictionary<string, long[]>(StringComparer.Ordinal);
            foreach (JsonProperty entry in document.RootElement.EnumerateObject())
                if (entry.Name != "__metadata__")
                    shapes[entry.Name] = entry.Value.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()).ToArray();
            return shapes;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new CheckpointException($"'{path}' cannot be read as safetensors ({ex.Message}).", ex);
        }
    }

    private static void Export(string path, Action<string> write)
    {
        string full = Path.GetFullPath(path);
        try
        {
            DurableFile.Replace(full, write);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CheckpointWriteException($"Could not write weights to '{full}' ({ex.Message}).", ex);
        }
    }
}
