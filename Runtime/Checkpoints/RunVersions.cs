using System.Globalization;

namespace ModelDsl.Checkpoints;

/// <summary>
/// Versioned run folders, as PyTorch Lightning keeps them: every fresh run of a model gets its own
/// <c>&lt;root&gt;/version_N/</c> (N one above the highest there), so a second run never mixes its checkpoints, history
/// or figures with the first's. The newest version is named in the text file <c>&lt;root&gt;/latest-version</c>, a plain
/// file rather than a symbolic link, so it works where links need privileges (Windows) and on any file system.
/// </summary>
/// <remarks>One process starts runs under a root at a time; any number may read.</remarks>
public static class RunVersions
{
    /// <summary>The prefix of a version folder's name: <c>version_0</c>, <c>version_1</c>, …</summary>
    public const string Prefix = "version_";

    /// <summary>The file under the root that names the newest version folder (e.g. <c>version_3</c>), in UTF-8, on one line.</summary>
    public const string PointerFile = "latest-version";

    /// <summary>Creates the next version folder under <paramref name="root"/>, points <see cref="PointerFile"/> at it and returns its full path.</summary>
    /// <exception cref="IOException">The root or the pointer cannot be written.</exception>
    /// <exception cref="UnauthorizedAccessException">The root cannot be written.</exception>
    public static string StartNew(string root)
    {
        string full = Path.GetFullPath(root);
        Directory.CreateDirectory(full);
        int next = Numbers(full).DefaultIfEmpty(-1).Max() + 1;
        string name = Prefix + next.ToString(CultureInfo.InvariantCulture);
        string version = Path.Combine(full, name);
        Directory.CreateDirectory(version);
        // Written after the folder exists, through a synced temporary file, so the pointer never names a missing folder.
        DurableFile.Replace(Path.Combine(full, PointerFile), temporary => File.WriteAllText(temporary, name + "\n"));
        return version;
    }

    /// <summary>
    /// The newest version folder under <paramref name="root"/>: the one <see cref="PointerFile"/> names, or, when the
    /// pointer is missing or names no version folder that exists, the highest-numbered one. Null when there is none.
    /// </summary>
    public static string? Latest(string root)
    {
        string full = Path.GetFullPath(root);
        string pointer = Path.Combine(full, PointerFile);
        if (File.Exists(pointer))
        {
            string name = File.ReadAllText(pointer).Trim();
            if (Number(name) is not null && Directory.Exists(Path.Combine(full, name)))
                return Path.Combine(full, name);
        }
        return Numbers(full).Select(n => (int?)n).Max() is int highest
            ? Path.Combine(full, Prefix + highest.ToString(CultureInfo.InvariantCulture))
            : null;
    }

    /// <summary>
    /// Deletes <paramref name="versionFolder"/> when it holds no file at any depth (a run that failed before writing
    /// anything) and points <see cref="PointerFile"/> back at the highest remaining version (or removes it when none is
    /// left). Returns whether the folder was deleted; a folder with any file in it is never touched.
    /// </summary>
    public static bool DeleteIfEmpty(string versionFolder)
    {
        string full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(versionFolder));
        if (!Directory.Exists(full) || Number(Path.GetFileName(full)) is null || Directory.EnumerateFiles(full, "*", SearchOption.AllDirectories).Any())
            return false;
        Directory.Delete(full, recursive: true);
        string root = Path.GetDirectoryName(full)!;
        string pointer = Path.Combine(root, PointerFile);
        if (Numbers(root).Select(n => (int?)n).Max() is int highest)
            DurableFile.Replace(pointer, temporary => File.WriteAllText(temporary, Prefix + highest.ToString(CultureInfo.InvariantCulture) + "\n"));
        else if (File.Exists(pointer))
            File.Delete(pointer);
        return true;
    }

    private static IEnumerable<int> Numbers(string root) =>
        Directory.Exists(root)
            ? Directory.GetDirectories(root, Prefix + "*").Select(d => Number(Path.GetFileName(d))).OfType<int>()
            : [];

    // Only version_<digits>: a folder a person named version_old is left alone.
    private static int? Number(string name) =>
        name.StartsWith(Prefix, StringComparison.Ordinal) && name.Length > Prefix.Length && name[Prefix.Length..].All(char.IsAsciiDigit)
        && int.TryParse(name[Prefix.Length..], NumberStyles.None, CultureInfo.InvariantCulture, out int number)
            ? number
            : null;
}
