namespace ModelDsl.Checkpoints;

/// <summary>The JSON manifest written last into every checkpoint folder; a folder without a valid manifest is not a checkpoint.</summary>
public sealed record CheckpointManifest
{
    /// <summary>Format version of this layout: 2 since the manifest carries <see cref="ManifestSha256"/>.</summary>
    public int Format { get; init; } = 2;
    /// <summary>ModelDsl version that wrote it.</summary>
    public string ModelDslVersion { get; init; } = "";
    /// <summary>TorchSharp version that wrote it.</summary>
    public string TorchSharpVersion { get; init; } = "";
    /// <summary>libtorch version that wrote it.</summary>
    public string LibTorchVersion { get; init; } = "";
    /// <summary>The model class.</summary>
    public string Model { get; init; } = "";
    /// <summary>Architecture hash; loading into a model with another hash is refused.</summary>
    public string SpecHash { get; init; } = "";
    /// <summary>Completed epochs.</summary>
    public int Epoch { get; init; }
    /// <summary>The monitored value's name, if any.</summary>
    public string? Monitor { get; init; }
    /// <summary>The monitored value at this epoch (null when not recorded or not finite).</summary>
    public double? MonitorValue { get; init; }
    /// <summary>Whether a higher <see cref="MonitorValue"/> is better (decides which checkpoint is <c>best</c>).</summary>
    public bool MonitorHigherIsBetter { get; init; }
    /// <summary>Completed optimizer steps.</summary>
    public long Step { get; init; }
    /// <summary>When the checkpoint was written (UTC, ISO 8601).</summary>
    public string SavedUtc { get; init; } = "";
    /// <summary>Parameter (state-dict) names with their shapes, in registration order.</summary>
    public List<ParameterEntry> Parameters { get; init; } = [];
    /// <summary>File name → lowercase hex SHA-256 of every other file in the checkpoint folder.</summary>
    public Dictionary<string, string> Checksums { get; init; } = [];
    /// <summary>
    /// Lowercase hex SHA-256 of the manifest itself without this field (its other fields as compact JSON, in file order),
    /// so an edit that leaves valid JSON (<see cref="Epoch"/>, <see cref="MonitorValue"/>) is detected. Null only in a
    /// manifest written before format 2, which is refused as unverifiable.
    /// </summary>
    public string? ManifestSha256 { get; init; }

    /// <summary>One state-dict entry.</summary>
    public sealed record ParameterEntry(string Name, long[] Shape);
}
