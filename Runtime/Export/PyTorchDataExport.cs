using System.Text.Json;
using ModelDsl.Checkpoints;
using ModelDsl.Data;
using TorchSharp;

namespace ModelDsl.Export;

/// <summary>
/// Writes a model's train, validation and test tensors for the torchrun entry point: per split, safetensors shards that
/// each hold every input under its declared name and the labels as <c>labels</c>, rows along the first axis; and
/// <see cref="ManifestFile"/>, which lists the shards and the spec hash of the model they feed. The entry point reads
/// the shards a row at a time, so a data set need not fit in memory on the Python side.
/// </summary>
public static class PyTorchDataExport
{
    /// <summary>The manifest the entry point reads (<c>--data</c> names its folder).</summary>
    public const string ManifestFile = "data.json";

    /// <summary>The most bytes of tensor data one shard holds (a shard always holds at least one row).</summary>
    public const long ShardBytes = 64L << 20;

    /// <summary>
    /// Writes every split's shards and the manifest into <paramref name="folder"/> (created if needed), with
    /// <paramref name="extraFiles"/> beside them (a featurizer's fitted statistics, the run record), which the entry
    /// point copies next to the weights it saves so .NET can load the result as a checkpoint. Returns the manifest's path.
    /// </summary>
    /// <param name="splits">Each split's name (<c>train</c>, <c>validation</c>, <c>test</c>) and data; an empty split is left out.</param>
    /// <exception cref="CheckpointWriteException">A file cannot be written; the message names it.</exception>
    public static string Write(string folder, string modelName, string specHash, IReadOnlyList<(string Split, InMemoryDataset Data)> splits,
        IReadOnlyDictionary<string, byte[]>? extraFiles = null)
    {
        string full = Path.GetFullPath(folder);
        var shards = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach ((string split, InMemoryDataset data) in splits)
        {
            if (data.Count == 0)
                continue;
            long rowBytes = data.Inputs.Sum(t => t[0].numel() * t.element_size()) + data.Labels[0].numel() * data.Labels.element_size();
            long rows = Math.Max(1, ShardBytes / Math.Max(1, rowBytes));
            var names = new List<string>();
            for (long start = 0, index = 0; start < data.Count; start += rows, index++)
            {
                long count = Math.Min(rows, data.Count - start);
                string name = $"{split}-{index:D5}.safetensors";
                using var scope = torch.NewDisposeScope();
                var tensors = new Dictionary<string, torch.Tensor>(StringComparer.Ordinal);
                for (int i = 0; i < data.Inputs.Count; i++)
                    tensors[data.Inputs.Names[i]] = data.Inputs[i].narrow(0, start, count).cpu().contiguous();
                tensors["labels"] = data.Labels.narrow(0, start, count).cpu().contiguous();
                WriteFile(Path.Combine(full, name), path => TorchSharp.PyBridge.Safetensors.SaveStateDict(path, tensors));
                names.Add(name);
            }
            shards[split] = names;
        }
        foreach ((string name, byte[] content) in extraFiles ?? new Dictionary<string, byte[]>())
            WriteFile(Path.Combine(full, name), path => File.WriteAllBytes(path, content));
        var manifest = new Dictionary<string, object>
        {
            ["model"] = modelName,
            ["spec_hash"] = specHash,
            ["splits"] = shards,
            ["extra_files"] = (extraFiles?.Keys ?? Enumerable.Empty<string>()).Order(StringComparer.Ordinal).ToArray(),
        };
        string manifestPath = Path.Combine(full, ManifestFile);
        WriteFile(manifestPath, path => File.WriteAllText(path, JsonSerializer.Serialize(manifest, new JsonSerializerOptions { WriteIndented = true }) + "\n"));
        return manifestPath;
    }

    private static void WriteFile(string path, Action<string> write)
    {
        try
        {
            DurableFile.Replace(path, write);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CheckpointWriteException($"Could not write '{path}' ({ex.Message}).", ex);
        }
    }
}
