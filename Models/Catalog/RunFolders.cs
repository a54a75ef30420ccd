using ModelDsl.Checkpoints;

namespace ModelDsl.Models.Catalog;

/// <summary>
/// Where a run of the app lives: <c>&lt;out&gt;/&lt;model&gt;/version_N/</c> (see <see cref="RunVersions"/>), holding
/// <c>checkpoints/</c>, the history files and <see cref="ReportedCheckpointFile"/>; and which checkpoint a
/// <c>--checkpoint</c> argument means.
/// </summary>
internal static class RunFolders
{
    /// <summary>The file in a run folder naming the checkpoint <c>train</c> reported (the restored best, else the latest).</summary>
    public const string ReportedCheckpointFile = "reported-checkpoint";

    private const string CheckpointsFolder = "checkpoints";

    /// <summary>
    /// The run folder a <c>train</c> under <paramref name="modelRoot"/> writes: a new version for a fresh run; with
    /// <paramref name="resume"/>, the newest version (continued in place), a run folder of the unversioned layout older
    /// versions of the app wrote, or a new version when there is nothing to resume.
    /// </summary>
    public static string ForTraining(string modelRoot, bool resume)
    {
        if (resume)
        {
            if (RunVersions.Latest(modelRoot) is { } latest)
                return latest;
            if (Directory.Exists(Path.Combine(modelRoot, CheckpointsFolder)))
                return Path.GetFullPath(modelRoot);
        }
        return RunVersions.StartNew(modelRoot);
    }

    /// <summary>
    /// Where <c>explain</c> writes unless told otherwise: <c>explain/&lt;checkpoint&gt;</c> in the run folder holding
    /// <paramref name="checkpointDirectory"/> (a checkpoint sits in <c>&lt;run&gt;/checkpoints/</c>, so the run folder is
    /// its grandparent; a checkpoint elsewhere gets the folder beside it), so two runs, or two checkpoints of one run,
    /// never overwrite each other's charts.
    /// </summary>
    public static string Explanations(string checkpointDirectory)
    {
        string checkpoint = Path.TrimEndingDirectorySeparator(Path.GetFullPath(checkpointDirectory));
        string parent = Path.GetDirectoryName(checkpoint)!;
        string run = Path.GetFileName(parent) == CheckpointsFolder ? Path.GetDirectoryName(parent)! : parent;
        return Path.Combine(run, "explain", Path.GetFileName(checkpoint));
    }

    /// <summary>The checkpoints folder of a run folder.</summary>
    public static string Checkpoints(string runFolder) => Path.Combine(runFolder, CheckpointsFolder);

    /// <summary>Records <paramref name="checkpointDirectory"/> as the checkpoint the run reported, so a run folder resolves to it.</summary>
    public static void RecordReported(string runFolder, string checkpointDirectory) =>
        File.WriteAllText(Path.Combine(runFolder, ReportedCheckpointFile), Path.GetFileName(checkpointDirectory) + "\n");

    /// <summary>
    /// The checkpoint <paramref name="path"/> names: a checkpoint folder (used as it is, damaged or not); a model's folder
    /// (its newest version), a run folder or its checkpoints folder (the checkpoint <c>train</c> reported, else the
    /// newest valid one); or any of those followed by <c>latest</c> or <c>best</c>. Damaged checkpoints passed over add
    /// a warning naming the bad file to <paramref name="warnings"/>.
    /// </summary>
    /// <exception cref="CheckpointException">An explicitly named checkpoint is damaged, or nothing valid matches.</exception>
    public static CheckpointInfo Resolve(string path, ICollection<string> warnings)
    {
        string full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        if (File.Exists(Path.Combine(full, CheckpointStore.ManifestFile)))
            return CheckpointStore.Resolve(full);
        string name = Path.GetFileName(full);
        if (name is "latest" or "best" && !Directory.Exists(full))
        {
            (_, string checkpoints) = Locate(Path.GetDirectoryName(full)!);
            var named = new CheckpointStore(checkpoints);
            try
            {
                return named.Find(name);
            }
            finally
            {
                foreach (string warning in named.Warnings)
                    warnings.Add(warning);
            }
        }

        (string? run, string folder) = Locate(full);
        if (run is not null && File.Exists(Path.Combine(run, ReportedCheckpointFile)))
        {
            string reported = Path.Combine(folder, File.ReadAllText(Path.Combine(run, ReportedCheckpointFile)).Trim());
            try
            {
                return CheckpointStore.Resolve(reported);
            }
            catch (CheckpointException ex)
            {
                warnings.Add($"warning: the checkpoint train reported is damaged ({ex.Message}); using the newest valid checkpoint instead");
            }
        }
        var store = new CheckpointStore(folder);
        CheckpointInfo? latest = store.Latest();
        foreach (string warning in store.Warnings)
            warnings.Add(warning);
        return latest ?? throw new CheckpointException($"'{full}' holds no valid checkpoint (no epoch-* folder with a valid {CheckpointStore.ManifestFile}).");
    }

    /// <summary>The run folder (null for a bare checkpoints folder) and the checkpoints folder <paramref name="folder"/> stands for.</summary>
    private static (string? Run, string Checkpoints) Locate(string folder)
    {
        if (Directory.Exists(Path.Combine(folder, CheckpointsFolder)))
            return (folder, Path.Combine(folder, CheckpointsFolder));
        if (RunVersions.Latest(folder) is { } version)
            return (version, Path.Combine(version, CheckpointsFolder));
        if (Path.GetFileName(folder) == CheckpointsFolder)
            return (Path.GetDirectoryName(folder), folder);
        return (null, folder);
    }
}
