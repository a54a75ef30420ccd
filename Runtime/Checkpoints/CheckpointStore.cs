using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModelDsl.Devices;
using ModelDsl.Training;
using TorchSharp;
using TorchSharp.Modules;

namespace ModelDsl.Checkpoints;

/// <summary>
/// Checkpoints of one run, each in its own folder <c>epoch-0007/</c> under the run directory: <c>weights.bin</c>,
/// <c>optimizer.bin</c>, <c>trainer.json</c> and, written last, <c>manifest.json</c> with versions, the spec hash, parameter
/// names/shapes and a SHA-256 per file. Every file is synced to disk inside a temporary folder, which is then renamed into
/// place, so a crash never leaves a half-written checkpoint under a real name and never touches earlier ones. A checkpoint
/// whose files do not match their checksums is never loaded: explicitly loading it throws, resuming skips it with a warning.
/// </summary>
/// <remarks>One writer per run directory at a time; readers may run alongside.</remarks>
public sealed class CheckpointStore
{
    /// <summary>The manifest's file name inside a checkpoint folder.</summary>
    public const string ManifestFile = "manifest.json";
    /// <summary>The weights' file name (TorchSharp state-dict format).</summary>
    public const string WeightsFile = "weights.bin";
    /// <summary>The optimizer state's file name (TorchSharp optimizer format).</summary>
    public const string OptimizerFile = "optimizer.bin";
    /// <summary>The trainer state's file name (JSON).</summary>
    public const string TrainerFile = "trainer.json";

    private const string FolderPrefix = "epoch-";
    private const string TemporaryPrefix = ".tmp-";
    private const string ReplacedPrefix = ".old-";
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>A store for the run folder <paramref name="runDirectory"/> (created on first save).</summary>
    /// <exception cref="ArgumentException">The policy saves less than every epoch or keeps fewer than one checkpoint.</exception>
    public CheckpointStore(string runDirectory, CheckpointPolicy? policy = null)
    {
        RunDirectory = Path.GetFullPath(runDirectory);
        Policy = policy ?? new CheckpointPolicy();
        if (Policy.EveryEpochs < 1)
            throw new ArgumentException($"CheckpointPolicy.EveryEpochs must be at least 1 (got {Policy.EveryEpochs}).", nameof(policy));
        if (Policy.KeepLast < 1)
            throw new ArgumentException($"CheckpointPolicy.KeepLast must be at least 1 (got {Policy.KeepLast}).", nameof(policy));
    }

    /// <summary>The run folder.</summary>
    public string RunDirectory { get; }

    /// <summary>Save and retention rules.</summary>
    public CheckpointPolicy Policy { get; }

    /// <summary>Warnings about checkpoints that were skipped (corrupt or truncated), each naming the bad file; newest last.</summary>
    public List<string> Warnings { get; } = [];

    /// <summary>Test hook: wraps each stream a checkpoint file is written through (to simulate a full disk).</summary>
    internal Func<string, Stream, Stream>? WrapOutput { get; init; }

    /// <summary>Writes a checkpoint for <paramref name="snapshot"/> and applies the retention policy.</summary>
    /// <param name="model">The model whose state dict (parameters and buffers) is saved.</param>
    /// <param name="modelName">The model's name, recorded in the manifest.</param>
    /// <param name="specHash">The model's architecture hash (the generated <c>SpecHash</c> constant).</param>
    /// <param name="optimizer">The optimizer whose state is saved, or null to save weights and trainer state only.</param>
    /// <param name="snapshot">The trainer state after the epoch.</param>
    /// <param name="extraFiles">
    /// Further files to keep with the weights (e.g. a fitted featurizer's statistics), by file name; they get checksums in
    /// the manifest like every other file. Read them back with <see cref="ReadExtraFile"/>.
    /// </param>
    /// <returns>The checkpoint folder.</returns>
    /// <exception cref="CheckpointWriteException">A file cannot be written (permissions, full disk); the message names it; earlier checkpoints are untouched.</exception>
    /// <exception cref="ArgumentException">An extra file's name is not a plain file name or is one the store writes itself.</exception>
    public string Save(torch.nn.Module model, string modelName, string specHash, OptimizerHelper? optimizer, TrainerSnapshot snapshot,
        IReadOnlyDictionary<string, byte[]>? extraFiles = null)
    {
        foreach (string file in extraFiles?.Keys ?? Enumerable.Empty<string>())
            if (file.Length == 0 || file != Path.GetFileName(file) || file is ManifestFile or WeightsFile or OptimizerFile or TrainerFile || file.StartsWith('.'))
                throw new ArgumentException($"Extra checkpoint file '{file}' must be a plain file name other than {ManifestFile}, {WeightsFile}, {OptimizerFile} and {TrainerFile}.", nameof(extraFiles));
        string name = FolderName(snapshot.Epoch);
        string final = Path.Combine(RunDirectory, name);
        string temporary = Path.Combine(RunDirectory, $"{TemporaryPrefix}{name}-{Guid.NewGuid():N}");
        string current = RunDirectory;
        try
        {
            Directory.CreateDirectory(RunDirectory);
            current = temporary;
            Directory.CreateDirectory(temporary);

            current = Path.Combine(temporary, WeightsFile);
            DurableFile.Write(current, stream => { using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true); model.save(writer); }, WrapOutput);
            if (optimizer is not null)
            {
                current = Path.Combine(temporary, OptimizerFile);
                DurableFile.Write(current, stream => { using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true); optimizer.save_state_dict(writer); }, WrapOutput);
            }
            current = Path.Combine(temporary, TrainerFile);
            DurableFile.Write(current, stream => JsonSerializer.Serialize(stream, TrainerState.From(snapshot), Json), WrapOutput);
            foreach ((string file, byte[] content) in extraFiles ?? new Dictionary<string, byte[]>())
            {
                current = Path.Combine(temporary, file);
                DurableFile.Write(current, stream => stream.Write(content), WrapOutput);
            }

            CheckpointManifest manifest = CreateManifest(model, modelName, specHash, snapshot, temporary);
            current = Path.Combine(temporary, ManifestFile);
            DurableFile.Write(current, stream => stream.Write(SealedManifest(manifest)), WrapOutput);
            current = temporary;
            DurableFile.SyncDirectory(temporary);

            current = final;
            Publish(temporary, final);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
            throw new CheckpointWriteException(
                $"Could not write checkpoint file '{current}' ({ex.Message}). Any earlier checkpoints in '{RunDirectory}' are untouched.", ex);
        }
        ApplyRetention();
        return final;
    }

    /// <summary>All checkpoints whose manifest and checksums are valid, oldest first; invalid ones are skipped with a warning.</summary>
    public IReadOnlyList<CheckpointInfo> List()
    {
        var found = new List<CheckpointInfo>();
        foreach (string folder in CheckpointFolders())
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

    /// <summary>
    /// The newest valid checkpoint, or null. Checkpoints are verified newest first; each damaged one passed over on the way
    /// adds a warning naming its bad file to <see cref="Warnings"/> (older ones are not read).
    /// </summary>
    public CheckpointInfo? Latest()
    {
        foreach (string folder in CheckpointFolders().Reverse())
        {
            try
            {
                return Verify(folder);
            }
            catch (CheckpointException ex)
            {
                Warnings.Add($"warning: skipping damaged checkpoint '{folder}': {ex.Message}; falling back to the previous checkpoint");
            }
        }
        return null;
    }

    /// <summary>The valid checkpoint with the best monitored value (direction as recorded in its manifest), or null.</summary>
    public CheckpointInfo? Best() => BestOf(List());

    /// <summary>Resolves <c>latest</c>, <c>best</c> or a checkpoint folder name (e.g. <c>epoch-0007</c>) within this run.</summary>
    /// <exception cref="CheckpointException">Nothing valid matches; for a named folder, the message names the bad file.</exception>
    public CheckpointInfo Find(string name) => name switch
    {
        "latest" => Latest() ?? throw new CheckpointException($"No valid checkpoint in '{RunDirectory}' for 'latest'.{WarningSuffix()}"),
        "best" => Best() ?? throw new CheckpointException($"No valid checkpoint with a monitored value in '{RunDirectory}' for 'best'.{WarningSuffix()}"),
        _ => Verify(Path.Combine(RunDirectory, name)),
    };

    /// <summary>Resolves a checkpoint folder, <c>&lt;run&gt;/latest</c>, <c>&lt;run&gt;/best</c>, or a run folder (its latest).</summary>
    /// <exception cref="CheckpointException">Nothing valid matches; for a checkpoint folder, the message names the bad file.</exception>
    public static CheckpointInfo Resolve(string path)
    {
        string full = Path.GetFullPath(path);
        if (File.Exists(Path.Combine(full, ManifestFile)))
            return Verify(full);
        string? parent = Path.GetDirectoryName(full);
        string name = Path.GetFileName(full);
        if (parent is not null && name is "latest" or "best")
            return new CheckpointStore(parent).Find(name);
        var store = new CheckpointStore(full);
        return store.Latest() ?? throw new CheckpointException(
            $"'{full}' holds no valid checkpoint (no {FolderPrefix}* folder with a valid {ManifestFile}).{store.WarningSuffix()}");
    }

    /// <summary>
    /// Finds the newest checkpoint whose files are intact, loads its weights into <paramref name="model"/> and its optimizer
    /// state into <paramref name="optimizer"/>, and returns the trainer state to pass to <c>Fit(resumeFrom: …)</c>. Corrupt
    /// or truncated checkpoints are skipped with a warning in <see cref="Warnings"/>; leftovers of interrupted saves are removed.
    /// </summary>
    /// <returns>The checkpoint resumed from, or null when the run folder holds no valid checkpoint (start from scratch).</returns>
    /// <exception cref="CheckpointException">The newest checkpoint was written by a different architecture (never skipped silently).</exception>
    public ResumedCheckpoint? ResumeLatest(torch.nn.Module model, string specHash, OptimizerHelper? optimizer)
    {
        RemoveLeftovers(olderThan: TimeSpan.Zero);
        foreach (string folder in CheckpointFolders().Reverse())
        {
            CheckpointInfo checkpoint;
            try
            {
                checkpoint = Verify(folder);
            }
            catch (CheckpointException ex)
            {
                Warnings.Add($"warning: not resuming from '{folder}': {ex.Message}; falling back to the previous checkpoint");
                continue;
            }
            LoadWeights(checkpoint, model, specHash);
            if (optimizer is not null)
                LoadOptimizer(checkpoint, optimizer);
            return new ResumedCheckpoint(checkpoint, ReadSnapshot(checkpoint));
        }
        return null;
    }

    /// <summary>The manifest of a checkpoint folder (not verified against the files).</summary>
    /// <exception cref="CheckpointException">The manifest is missing, not valid JSON, or lacks a required field; the message names the file and the field.</exception>
    public static CheckpointManifest ReadManifest(string checkpointDirectory)
    {
        string path = Path.Combine(checkpointDirectory, ManifestFile);
        try
        {
            string text = File.ReadAllText(path);
            CheckpointManifest manifest = JsonSerializer.Deserialize<CheckpointManifest>(text)
                ?? throw new CheckpointException($"'{path}' is empty");
            CheckRequiredFields(manifest, path);
            CheckManifestChecksum(text, manifest, path);
            return manifest;
        }
        catch (Exception ex) when (ex is IOException or JsonException or UnauthorizedAccessException)
        {
            throw new CheckpointException($"'{path}' cannot be read ({ex.Message})", ex);
        }
    }

    /// <summary>The manifest as written to disk: indented JSON whose last field, <see cref="CheckpointManifest.ManifestSha256"/>, hashes the rest.</summary>
    private static byte[] SealedManifest(CheckpointManifest manifest)
    {
        // Hashed as it will be read back (parsed from the file), so writer and reader hash the same text.
        JsonObject sealedManifest = JsonNode.Parse(JsonSerializer.Serialize(manifest with { ManifestSha256 = null }, Json))!.AsObject();
        sealedManifest.Remove(nameof(CheckpointManifest.ManifestSha256));
        sealedManifest[nameof(CheckpointManifest.ManifestSha256)] = ManifestChecksum(sealedManifest);
        return System.Text.Encoding.UTF8.GetBytes(sealedManifest.ToJsonString(Json));
    }

    /// <summary>SHA-256 of the manifest's fields other than its own checksum, as compact JSON in file order.</summary>
    private static string ManifestChecksum(JsonObject manifest)
    {
        var fields = new JsonObject();
        foreach ((string name, JsonNode? value) in manifest)
            if (name != nameof(CheckpointManifest.ManifestSha256))
                fields[name] = value?.DeepClone();
        return Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(fields.ToJsonString())));
    }

    private static void CheckManifestChecksum(string text, CheckpointManifest manifest, string path)
    {
        if (manifest.ManifestSha256 is not { } recorded)
            throw new CheckpointException(
                $"'{path}' has no checksum of its own (field '{nameof(CheckpointManifest.ManifestSha256)}'): it was written before checkpoint " +
                "format 2 or the field was removed, so an edit to it could not be detected; it is treated as damaged (retrain to make a verifiable checkpoint)");
        string actual = ManifestChecksum(JsonNode.Parse(text)!.AsObject());
        if (actual != recorded)
            throw new CheckpointException(
                $"'{path}' does not match its own checksum (edited or corrupt: SHA-256 of its fields {actual}, recorded {recorded})");
    }

    /// <summary>
    /// Valid JSON can still lack what loading needs (<c>"Checksums": null</c>, a parameter without a shape): the
    /// deserializer leaves such fields null despite their non-nullable types, so they are checked here, where a
    /// <see cref="CheckpointException"/> lets a resume skip the checkpoint, instead of failing later with a null reference.
    /// </summary>
    private static void CheckRequiredFields(CheckpointManifest manifest, string path)
    {
        if (MissingField(manifest) is { } missing)
            throw new CheckpointException($"'{path}' has no value for the required field '{missing}' (null or missing)");
        if (manifest.Checksums.Count == 0)
            throw new CheckpointException($"'{path}' lists no files and checksums (field '{nameof(CheckpointManifest.Checksums)}' is empty)");
        if (manifest.Parameters.Count == 0)
            throw new CheckpointException($"'{path}' lists no parameters (field '{nameof(CheckpointManifest.Parameters)}' is empty)");
    }

    /// <summary>The first required field the deserializer left null, as a path such as <c>Parameters[2].Shape</c>; null when none is.</summary>
    private static string? MissingField(CheckpointManifest manifest)
    {
        string? missing = null;
        if (manifest.SpecHash is null)
            missing = nameof(CheckpointManifest.SpecHash);
        else if (manifest.Checksums is null)
            missing = nameof(CheckpointManifest.Checksums);
        else if (manifest.Checksums.FirstOrDefault(c => c.Value is null) is { Key: { } file })
            missing = $"{nameof(CheckpointManifest.Checksums)}['{file}']";
        else if (manifest.Parameters is null)
            missing = nameof(CheckpointManifest.Parameters);
        else
            for (int i = 0; i < manifest.Parameters.Count && missing is null; i++)
            {
                CheckpointManifest.ParameterEntry? entry = manifest.Parameters[i];
                if (entry is null || entry.Name is null)
                    missing = $"{nameof(CheckpointManifest.Parameters)}[{i}].{nameof(CheckpointManifest.ParameterEntry.Name)}";
                else if (entry.Shape is null)
                    missing = $"{nameof(CheckpointManifest.Parameters)}[{i}].{nameof(CheckpointManifest.ParameterEntry.Shape)}";
            }
        return missing;
    }

    /// <summary>
    /// Loads weights into <paramref name="model"/> after checking the spec hash, every parameter name and shape, and the
    /// weights file's checksum — all before libtorch reads anything.
    /// </summary>
    /// <exception cref="CheckpointException">
    /// The architecture differs (names both spec hashes and the first differing parameter), or the weights file does not match its checksum (names the file).
    /// </exception>
    public static void LoadWeights(CheckpointInfo checkpoint, torch.nn.Module model, string specHash)
    {
        CheckpointManifest manifest = ReadManifest(checkpoint.Directory);
        string? difference = ParameterComparison.FirstDifferenceInOrder(manifest.Parameters, ParameterComparison.Of(model));
        if (manifest.SpecHash != specHash || difference is not null)
            throw new CheckpointException(
                $"Checkpoint '{checkpoint.Directory}' does not fit this model: spec hash {(manifest.SpecHash == specHash ? "matches" : "mismatch")} " +
                $"(checkpoint '{manifest.SpecHash}' from model '{manifest.Model}', this model '{specHash}')" +
                (difference is null ? "; parameter names and shapes agree." : $"; first differing parameter: {difference}."));
        string path = VerifiedFile(checkpoint.Directory, WeightsFile, manifest);
        using var reader = new BinaryReader(File.OpenRead(path));
        model.load(reader);
    }

    /// <summary>Loads optimizer state (moments, step counts, learning rates) saved with the checkpoint, after checking its checksum.</summary>
    /// <exception cref="CheckpointException">The checkpoint has no optimizer state, or the file does not match its checksum.</exception>
    public static void LoadOptimizer(CheckpointInfo checkpoint, OptimizerHelper optimizer)
    {
        CheckpointManifest manifest = ReadManifest(checkpoint.Directory);
        if (!manifest.Checksums.ContainsKey(OptimizerFile))
            throw new CheckpointException($"Checkpoint '{checkpoint.Directory}' has no optimizer state ({OptimizerFile}).");
        string path = VerifiedFile(checkpoint.Directory, OptimizerFile, manifest);
        using var reader = new BinaryReader(File.OpenRead(path));
        optimizer.load_state_dict(reader);
    }

    /// <summary>True when the checkpoint's manifest lists <paramref name="file"/> (e.g. an extra file that older checkpoints lack).</summary>
    /// <exception cref="CheckpointException">The manifest is missing or invalid.</exception>
    public static bool ListsFile(CheckpointInfo checkpoint, string file) => ReadManifest(checkpoint.Directory).Checksums.ContainsKey(file);

    /// <summary>The content of a file saved with <c>Save(…, extraFiles)</c>, after checking its checksum.</summary>
    /// <exception cref="CheckpointException">The checkpoint has no such file, or it does not match its checksum.</exception>
    public static byte[] ReadExtraFile(CheckpointInfo checkpoint, string file)
    {
        CheckpointManifest manifest = ReadManifest(checkpoint.Directory);
        if (!manifest.Checksums.ContainsKey(file))
            throw new CheckpointException($"Checkpoint '{checkpoint.Directory}' has no '{file}' (files: {string.Join(", ", manifest.Checksums.Keys)}).");
        return File.ReadAllBytes(VerifiedFile(checkpoint.Directory, file, manifest));
    }

    /// <summary>The trainer state to pass to <c>Fit(resumeFrom: …)</c>, after checking the file's checksum.</summary>
    /// <exception cref="CheckpointException">The file does not match its checksum or cannot be parsed.</exception>
    public static TrainerSnapshot ReadSnapshot(CheckpointInfo checkpoint)
    {
        CheckpointManifest manifest = ReadManifest(checkpoint.Directory);
        string path = VerifiedFile(checkpoint.Directory, TrainerFile, manifest);
        try
        {
            using FileStream stream = File.OpenRead(path);
            TrainerState state = JsonSerializer.Deserialize<TrainerState>(stream)
                ?? throw new CheckpointException($"'{path}' is empty.");
            return state.ToSnapshot();
        }
        catch (Exception ex) when (ex is JsonException or FormatException or KeyNotFoundException or InvalidOperationException)
        {
            throw new CheckpointException($"'{path}' is not a valid trainer state ({ex.Message}).", ex);
        }
    }

    private CheckpointManifest CreateManifest(torch.nn.Module model, string modelName, string specHash, TrainerSnapshot snapshot, string folder)
    {
        RuntimeVersions versions = RuntimeVersions.Current();
        string? monitor = Policy.Monitor;
        double? monitorValue = monitor is not null && snapshot.History.Count > 0 && snapshot.History[^1].Has(monitor) ? snapshot.History[^1][monitor] : null;
        return new CheckpointManifest
        {
            ModelDslVersion = versions.ModelDsl,
            TorchSharpVersion = versions.TorchSharp,
            LibTorchVersion = versions.LibTorch,
            Model = modelName,
            SpecHash = specHash,
            Epoch = snapshot.Epoch,
            Step = snapshot.Step,
            SavedUtc = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture),
            Monitor = monitor,
            MonitorValue = monitorValue is { } v && double.IsFinite(v) ? v : null,
            MonitorHigherIsBetter = Policy.HigherIsBetter,
            Parameters = ParameterComparison.Of(model),
            Checksums = Directory.GetFiles(folder).Order(StringComparer.Ordinal).ToDictionary(f => Path.GetFileName(f), DurableFile.Sha256),
        };
    }

    /// <summary>Renames the finished temporary folder to its real name; an existing folder of that name (a broken one) is moved aside first.</summary>
    private void Publish(string temporary, string final)
    {
        string? replaced = null;
        if (Directory.Exists(final))
        {
            replaced = Path.Combine(RunDirectory, $"{ReplacedPrefix}{Path.GetFileName(final)}-{Guid.NewGuid():N}");
            Directory.Move(final, replaced);
        }
        Directory.Move(temporary, final);
        DurableFile.SyncDirectory(RunDirectory);
        if (replaced is not null)
            TryDelete(replaced);
    }

    private static CheckpointInfo Verify(string folder)
    {
        CheckpointManifest manifest = ReadManifest(folder);
        foreach (string file in manifest.Checksums.Keys)
            VerifiedFile(folder, file, manifest);
        return Describe(folder, manifest);
    }

    private static CheckpointInfo Describe(string folder, CheckpointManifest manifest) =>
        new(folder, manifest.Epoch, manifest.SpecHash, manifest.Monitor, manifest.MonitorValue ?? double.NaN, manifest.MonitorHigherIsBetter);

    private static string VerifiedFile(string folder, string file, CheckpointManifest manifest)
    {
        string path = Path.Combine(folder, file);
        if (!manifest.Checksums.TryGetValue(file, out string? expected))
            throw new CheckpointException($"'{path}' is not listed in '{Path.Combine(folder, ManifestFile)}'");
        if (!File.Exists(path))
            throw new CheckpointException($"'{path}' listed in the manifest is missing");
        string actual = DurableFile.Sha256(path);
        if (actual != expected)
            throw new CheckpointException($"'{path}' does not match its checksum (corrupt or truncated: SHA-256 {actual}, manifest {expected})");
        return path;
    }

    private static CheckpointInfo? BestOf(IReadOnlyList<CheckpointInfo> checkpoints)
    {
        var scored = checkpoints.Where(c => !double.IsNaN(c.MonitorValue)).ToList();
        if (scored.Count == 0)
            return null;
        // Ties go to the earliest checkpoint, like early stopping's notion of "improved".
        return scored[^1].HigherIsBetter
            ? scored.Aggregate((best, c) => c.MonitorValue > best.MonitorValue ? c : best)
            : scored.Aggregate((best, c) => c.MonitorValue < best.MonitorValue ? c : best);
    }

    private IEnumerable<string> CheckpointFolders() =>
        Directory.Exists(RunDirectory)
            ? Directory.GetDirectories(RunDirectory, FolderPrefix + "*").Order(StringComparer.Ordinal)
            : [];

    private void ApplyRetention()
    {
        // Manifests only: re-hashing every kept checkpoint after each save would cost K times the checkpoint size.
        var kept = new List<CheckpointInfo>();
        foreach (string folder in CheckpointFolders())
        {
            try
            {
                kept.Add(Describe(folder, ReadManifest(folder)));
            }
            catch (CheckpointException)
            {
                // Not a checkpoint; left alone for a person to inspect.
            }
        }
        CheckpointInfo? best = Policy.Monitor is null ? null : BestOf(kept);
        foreach (CheckpointInfo old in kept.Take(Math.Max(0, kept.Count - Policy.KeepLast)))
            if (best is null || old.Directory != best.Directory)
                TryDelete(old.Directory);
        RemoveLeftovers(olderThan: TimeSpan.FromMinutes(10));
    }

    /// <summary>Deletes temporary folders of interrupted saves (and folders moved aside) older than <paramref name="olderThan"/>.</summary>
    private void RemoveLeftovers(TimeSpan olderThan)
    {
        if (!Directory.Exists(RunDirectory))
            return;
        foreach (string stale in Directory.GetDirectories(RunDirectory, ".*"))
        {
            string name = Path.GetFileName(stale);
            if ((name.StartsWith(TemporaryPrefix, StringComparison.Ordinal) || name.StartsWith(ReplacedPrefix, StringComparison.Ordinal))
                && Directory.GetLastWriteTimeUtc(stale) <= DateTime.UtcNow - olderThan)
                TryDelete(stale);
        }
    }

    private string WarningSuffix() => Warnings.Count == 0 ? "" : " " + string.Join(" ", Warnings);

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

    private static string FolderName(int epoch) => FolderPrefix + epoch.ToString("D4", CultureInfo.InvariantCulture);
}
