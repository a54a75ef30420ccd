using System.Text.Json;
using System.Text.Json.Nodes;
using TorchSharp;

namespace ModelDsl.Benchmarks;

/// <summary>
/// Writes a case's tensors for <c>pytorch_reference.py</c>: <c>&lt;case&gt;.bin</c> holds each tensor's raw little-endian
/// bytes back to back, <c>&lt;case&gt;.json</c> names each tensor's dtype, shape and byte offset, plus the hyper-parameters.
/// Raw bytes plus a JSON header need nothing beyond torch on the Python side (no numpy, no pip).
/// </summary>
internal static class BenchmarkTensorFile
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true };

    /// <summary>Writes <paramref name="tensors"/> (float32 or int64) for case <paramref name="header"/>.Case into <paramref name="folder"/>.</summary>
    /// <exception cref="ArgumentException">A tensor has a dtype the script cannot read.</exception>
    public static void Write(string folder, CaseHeader header, IReadOnlyList<(string Name, torch.Tensor Tensor)> tensors)
    {
        if (!BitConverter.IsLittleEndian)
            throw new PlatformNotSupportedException("The benchmark data file is little-endian; this machine is not.");
        string dataFile = header.Case + ".bin";
        var entries = new List<TensorEntry>();
        using (var stream = File.Create(Path.Combine(folder, dataFile)))
        {
            foreach (var (name, tensor) in tensors)
            {
                string dtype = tensor.dtype switch
                {
                    torch.ScalarType.Float32 => "float32",
                    torch.ScalarType.Int64 => "int64",
                    _ => throw new ArgumentException($"Tensor '{name}' has dtype {tensor.dtype}; the benchmark file holds float32 or int64."),
                };
                entries.Add(new TensorEntry(name, dtype, tensor.shape, stream.Position));
                using var host = tensor.cpu().contiguous();
                stream.Write(host.bytes);
            }
        }
        File.WriteAllText(Path.Combine(folder, header.Case + ".json"), JsonSerializer.Serialize(header with { Data = dataFile, Tensors = entries }, Json));
    }

    /// <summary>What the script needs to train a case: which model, the declared hyper-parameters, and where each tensor is.</summary>
    internal sealed record CaseHeader(string Case, string Model, int Batch, string Optimizer, double LearningRate, double WeightDecay, double ClipNorm, int Seed)
    {
        /// <summary>The class in the Python module <see cref="Model"/> (the twin's file name) that the script trains.</summary>
        public string ModelClass { get; init; } = "";

        /// <summary>A safetensors file beside the header that every run starts from, or "" for a fresh model seeded with <see cref="Seed"/>.</summary>
        public string Weights { get; init; } = "";

        /// <summary>The full options (<c>modeldsl_train.py</c>'s names) for the script's optimizer and schedule, or null for the parameters above.</summary>
        public JsonObject? Training { get; init; }

        /// <summary>Examples whose loss in evaluation mode the script reports before training (with <see cref="Weights"/>), or 0.</summary>
        public int StartLossRows { get; init; }

        /// <summary>At most this many timed runs whatever the script's <c>--repeats</c>, or 0 for no limit.</summary>
        public int MaxRepeats { get; init; }

        public string Data { get; init; } = "";
        public IReadOnlyList<TensorEntry> Tensors { get; init; } = [];
    }

    /// <summary>One tensor inside the data file.</summary>
    internal sealed record TensorEntry(string Name, string Dtype, long[] Shape, long Offset);
}
