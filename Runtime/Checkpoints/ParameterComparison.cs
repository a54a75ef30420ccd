namespace ModelDsl.Checkpoints;

/// <summary>Finds the first state-dict entry whose name or shape differs between saved weights and a model, before libtorch sees them.</summary>
internal static class ParameterComparison
{
    /// <summary>Compares in registration order (checkpoints keep the order); null when both lists agree.</summary>
    public static string? FirstDifferenceInOrder(IReadOnlyList<CheckpointManifest.ParameterEntry> saved, IReadOnlyList<CheckpointManifest.ParameterEntry> expected)
    {
        for (int i = 0; i < Math.Max(saved.Count, expected.Count); i++)
        {
            if (i >= saved.Count)
                return $"the model has '{expected[i].Name}' {Shape(expected[i].Shape)} which the checkpoint lacks";
            if (i >= expected.Count)
                return $"the checkpoint has '{saved[i].Name}' {Shape(saved[i].Shape)} which the model lacks";
            if (saved[i].Name != expected[i].Name)
                return $"parameter {i} is '{saved[i].Name}' in the checkpoint but '{expected[i].Name}' in the model";
            if (!saved[i].Shape.SequenceEqual(expected[i].Shape))
                return $"'{saved[i].Name}' has shape {Shape(saved[i].Shape)} in the checkpoint but {Shape(expected[i].Shape)} in the model";
        }
        return null;
    }

    /// <summary>Compares by name (files such as safetensors do not keep order), walking the model's entries first.</summary>
    public static string? FirstDifferenceByName(IReadOnlyDictionary<string, long[]> saved, IReadOnlyList<CheckpointManifest.ParameterEntry> expected)
    {
        foreach (CheckpointManifest.ParameterEntry entry in expected)
        {
            if (!saved.TryGetValue(entry.Name, out long[]? shape))
                return $"the model has '{entry.Name}' {Shape(entry.Shape)} which the file lacks";
            if (!shape.SequenceEqual(entry.Shape))
                return $"'{entry.Name}' has shape {Shape(shape)} in the file but {Shape(entry.Shape)} in the model";
        }
        var names = expected.Select(e => e.Name).ToHashSet(StringComparer.Ordinal);
        string? extra = saved.Keys.Where(k => !names.Contains(k)).Order(StringComparer.Ordinal).FirstOrDefault();
        return extra is null ? null : $"the file has '{extra}' {Shape(saved[extra])} which the model lacks";
    }

    /// <summary>The model's state-dict entries (parameters and buffers) in registration order.</summary>
    public static List<CheckpointManifest.ParameterEntry> Of(TorchSharp.torch.nn.Module model) =>
        model.state_dict().Select(p => new CheckpointManifest.ParameterEntry(p.Key, p.Value.shape)).ToList();

    private static string Shape(long[] shape) => "[" + string.Join(", ", shape) + "]";
}
