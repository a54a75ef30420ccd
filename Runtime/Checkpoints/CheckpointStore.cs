using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using ModelDsl.Devices;
using ModelDsl.Training;
using TorchSharp;
using TorchSharp.Modules;

namespace ModelDsl.Checkpoints;

/// <summary>
/// Checkpoints of one run, each in its own folder <c>epoch-0007/</c> under the run directory: <c>weights.bin</c>,
/// <c>optimizer.bin</c>, <c>trainer.json</c> and, written last, <c>manifest.json</c> with versions, the spec hash, parameter
/// names/shapes and a SHA-256 per file. A checkpoint is written into a temporary folder, flushed, then renamed into place,
/// so a crash never leaves a half-written checkpoint under a real name and never touches earlier ones.
/// </summary>
public sealed class CheckpointStore
{
    private const string ManifestFile = "manifest.json";
    private const string WeightsFile = "weights.bin";
    private const string OptimizerFile = "optimizer.bin";
    private const string TrainerFile = "trainer.json";
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>A store for the run folder <paramref name="runDirectory"/> (created on first save).</summary>
    public CheckpointStore(string runDirectory, CheckpointPolicy? policy = null)
    {
        RunDirectory = Path.GetFullPath(runDirectory);
        Policy = policy ?? new CheckpointPolicy();
    }

    /// <summary>The run folder.</summary>
    public string RunDirectory { get; }

    /// <summary>Save and retention rules.</summary>
    public CheckpointPolicy Policy { get; }

    /// <summary>Warnings about checkpoints that were skipped (corrupt or truncated), newest last.</summary>
    public List<string> Warnings { get; } = [];

    /// <summary>Writes a checkpoint for <paramref name="snapshot"/> and applies the retention policy.</summary>
    /// <returns>The checkpoint folder.</returns>
    /// <exception cref="CheckpointException">The folder cannot be written (permissions, full disk); earlier checkpoints are intact.</exception>
    public string Save(torch.nn.Module model, string modelName, string specHash, OptimizerHelper? optimizer, TrainerSnapshot snapshot)
    {
        string final = Path.Combine(RunDirectory, FolderName(snapshot.Epoch));
        string temporary = Path.Combine(RunDirectory, $".tmp-{FolderName(snapshot.Epoch)}-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(temporary);
            WriteFile(Path.Combine(temporary, WeightsFile), stream => { using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true); model.save(writer); });
            if (optimizer is not null)
                WriteFile(Path.Combine(temporary, OptimizerFile), stream => { using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true); optimizer.save_state_dict(writer); });
            WriteFile(Path.Combine(temporary, TrainerFile), stream => JsonSerializer.Serialize(stream, TrainerState.From(snapshot), Json));

            RuntimeVersions versions = RuntimeVersions.Current();
            string? monitor = Policy.Monitor;
            double? monitorValue = monitor is not null && snapshot.History.Count > 0 && snapshot.History[^1].Has(monitor) ? snapshot.History[^1][monitor] : null;
            var manifest = new CheckpointManifest
            {
                ModelDslVersion = versions.ModelDsl,
                TorchSharpVersion = versions.TorchSharp,
                LibTorchVersion = versions.LibTorch,
                Model = modelName,
                SpecHash = specHash,
                Epoch = snapshot.Epoch,
                Monitor = monitor,
                MonitorValue = monitorValue is { } v && double.IsFinite(v) ? v : null,
                Parameters = model.state_dict().Select(p => new CheckpointManifest.ParameterEntry(p.Key, p.Value.shape)).ToList(),
                Checksums = Directory.GetFiles(temporary).ToDictionary(f => Path.GetFileName(f), Sha256),
            };
            WriteFile(Path.Combine(temporary, ManifestFile), stream => JsonSerializer.Serialize(stream, manifest, Json));

            if (Directory.Exists(final))
                Directory.Delete(final, recursive: true);
            Directory.Move(temporary, final);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
            throw new CheckpointException($"Could not write a checkpoint under '{RunDirectory}': {ex.Message}. Earlier checkpoints are intact.", ex);
        }
        ApplyRetention();
        return final;
    }

    /// <summary>All checkpoints whose manifest and checksums are valid, oldest first; invalid ones are skipped with a warning.</summary>
    public IReadOnlyList<CheckpointInfo> List()
    {
        if (!Directory.Exists(RunDirectory))
            return [];
        var found = new List<CheckpointInfo>();
        foreach (string folder in Directory.GetDirectories(RunDirectory, "epoch-*").Order(StringComparer.Ordinal))
        {
            try
            {
                found.Add(Verify(folder));
            }
            catch (CheckpointException ex)
            {
                Warnings.Add($"warning: skipping checkpoint '{folder}': {ex.Message}");
            }
        }
        return found;
    }

    /// <summary>The newest valid checkpoint, or null.</summary>
    public CheckpointInfo? Latest() => List().LastOrDefault();

    /// <summary>The valid checkpoint with the best monitored value, or null.</summary>
    public CheckpointInfo? Best()
    {
        var scored = List().Where(c => !double.IsNaN(c.MonitorValue)).ToList();
        if (scored.Count == 0)
            return null;
        bool higher = MetricNames.HigherIsBetter(scored[0].Monitor ?? "loss");
        return higher ? scored.MaxBy(c => c.MonitorValue) : scored.MinBy(c => c.MonitorValue);
    }

    /// <summary>Resolves <c>latest</c>, <c>best</c>, a checkpoint folder, or a run folder (its latest).</summary>
    /// <exception cref="CheckpointException">Nothing valid matches.</exception>
    public static CheckpointInfo Resolve(string path)
    {
        string full = Path.GetFullPath(path);
        if (File.Exists(Path.Combine(full, ManifestFile)))
            return Verify(full);
        string? parent = Path.GetDirectoryName(full);
        string name = Path.GetFileName(full);
        if (parent is not null && name is "latest" or "best")
        {
            var store = new CheckpointStore(parent);
            return (name == "best" ? store.Best() : store.Latest()) ?? throw new CheckpointException($"No valid checkpoint in '{parent}' for '{name}'.");
        }
        return new CheckpointStore(full).Latest() ?? throw new CheckpointException($"'{full}' holds no valid checkpoint (no epoch-* folder with a valid manifest.json).");
    }

    /// <summary>Loads weights into <paramref name="model"/> after checking the spec hash and every parameter name and shape.</summary>
    /// <exception cref="CheckpointException">The architecture differs (names the hash and the first differing parameter) or a file is corrupt.</exception>
    public static void LoadWeights(CheckpointInfo checkpoint, torch.nn.Module model, string specHash)
    {
        CheckpointManifest manifest = ReadManifest(checkpoint.Directory);
        var expected = model.state_dict().Select(p => new CheckpointManifest.ParameterEntry(p.Key, p.Value.shape)).ToList();
        string? difference = FirstDifference(manifest.Parameters, expected);
        if (manifest.SpecHash != specHash || difference is not null)
            throw new CheckpointException(
                $"Checkpoint '{checkpoint.Directory}' was written by a different architecture (spec hash {manifest.SpecHash}, this model {specHash})" +
                (difference is null ? "." : $"; first difference: {difference}."));
        using var reader = new BinaryReader(File.OpenRead(Path.Combine(checkpoint.Directory, WeightsFile)));
        model.load(reader);
    }

    /// <summary>Loads optimizer state (moments, step counts) saved with the checkpoint.</summary>
    public static void LoadOptimizer(CheckpointInfo checkpoint, OptimizerHelper optimizer)
    {
        string path = Path.Combine(checkpoint.Directory, OptimizerFile);
        if (!File.Exists(path))
            throw new CheckpointException($"Checkpoint '{checkpoint.Directory}' has no optimizer state ({OptimizerFile}).");
        using var reader = new BinaryReader(File.OpenRead(path));
        optimizer.load_state_dict(reader);
    }

    /// <summary>The trainer state to pass to <c>Fit(resumeFrom: …)</c>.</summary>
    public static TrainerSnapshot ReadSnapshot(CheckpointInfo checkpoint)
    {
        using FileStream stream = File.OpenRead(Path.Combine(checkpoint.Directory, TrainerFile));
        TrainerState state = JsonSerializer.Deserialize<TrainerState>(stream)
            ?? throw new CheckpointException($"'{Path.Combine(checkpoint.Directory, TrainerFile)}' is empty.");
        return state.ToSnapshot();
    }

    private static CheckpointInfo Verify(string folder)
    {
        CheckpointManifest manifest = ReadManifest(folder);
        foreach (var (file, checksum) in manifest.Checksums)
        {
            string path = Path.Combine(folder, file);
            if (!File.Exists(path))
                throw new CheckpointException($"'{path}' listed in the manifest is missing");
            if (Sha256(path) != checksum)
                throw new CheckpointException($"'{path}' does not match its checksum (corrupt or truncated)");
        }
        return new CheckpointInfo(folder, manifest.Epoch, manifest.SpecHash, manifest.Monitor, manifest.MonitorValue ?? double.NaN);
    }

    private static CheckpointManifest ReadManifest(string folder)
    {
        string path = Path.Combine(folder, ManifestFile);
        try
        {
            return JsonSerializer.Deserialize<CheckpointManifest>(File.ReadAllText(path))
                ?? throw new CheckpointException($"'{path}' is empty");
        }
        catch (Exception ex) when (ex is IOException or JsonException or UnauthorizedAccessException)
        {
            throw new CheckpointException($"'{path}' cannot be read: {ex.Message}", ex);
        }
    }

    private static string? FirstDifference(List<CheckpointManifest.ParameterEntry> saved, List<CheckpointManifest.ParameterEntry> expected)
    {
        for (int i = 0; i < Math.Max(saved.Count, expected.Count); i++)
        {
            if (i >= saved.Count)
                return $"the model has '{expected[i].Name}' which the checkpoint lacks";
            if (i >= expected.Count)
                return $"the checkpoint has '{saved[i].Name}' which the model lacks";
            if (saved[i].Name != expected[i].Name)
                return $"parameter {i} is '{saved[i].Name}' in the checkpoint but '{expected[i].Name}' in the model";
            if (!saved[i].Shape.SequenceEqual(expected[i].Shape))
                return $"'{saved[i].Name}' has shape [{string.Join(", ", saved[i].Shape)}] in the checkpoint but [{string.Join(", ", expected[i].Shape)}] in the model";
        }
        return null;
    }

    private void ApplyRetention()
    {
        var all = List();
        CheckpointInfo? best = Best();
        foreach (CheckpointInfo old in all.Take(Math.Max(0, all.Count - Policy.KeepLast)))
            if (best is null || old.Directory != best.Directory)
                TryDelete(old.Directory);
        foreach (string stale in Directory.GetDirectories(RunDirectory, ".tmp-*"))
            if (Directory.GetLastWriteTimeUtc(stale) < DateTime.UtcNow.AddMinutes(-10))
                TryDelete(stale);
    }

    private static void WriteFile(string path, Action<Stream> write)
    {
        using (var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None))
        {
            write(stream);
            stream.Flush(flushToDisk: true);
        }
    }

    private static string Sha256(string path)
    {
        using FileStream stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    private static void TryDelete(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
                Directory.Delete(folder, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Left for the next retention pass; never fatal.
        }
    }

    private static string FolderName(int epoch) => "epoch-" + epoch.ToString("D4", CultureInfo.InvariantCulture);

    /// <summary>JSON form of <see cref="TrainerSnapshot"/>.</summary>
    private sealed record TrainerState(int Epoch, long Step, double? BestMonitorValue, int EpochsWithoutImprovement, string History, string RngState)
    {
        public static TrainerState From(TrainerSnapshot s) =>
            new(s.Epoch, s.Step, double.IsNaN(s.BestMonitorValue) ? null : s.BestMonitorValue, s.EpochsWithoutImprovement,
                new TrainingHistory(s.History).ToJson(), Convert.ToBase64String(s.RngState));

        public TrainerSnapshot ToSnapshot() =>
            new(Epoch, Step, BestMonitorValue ?? double.NaN, EpochsWithoutImprovement, TrainingHistory.FromJson(History).Epochs, Convert.FromBase64String(RngState));
    }
}
