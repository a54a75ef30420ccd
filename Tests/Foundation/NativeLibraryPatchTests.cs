using System.Text.RegularExpressions;
using ModelDsl.Tests.Support;

namespace ModelDsl.Tests.Foundation;

/// <summary>
/// The build step that marks libLibTorchSharp.so's GLIBCXX_3.4.32 requirement weak, checked with binutils'
/// readelf (an independent ELF reader) against the untouched copy in the NuGet cache.
/// </summary>
public sealed partial class NativeLibraryPatchTests
{
    private const string Glibcxx = "libstdc++.so.6/GLIBCXX_3.4.32";

    internal static string PatchedLibrary => Path.Combine(RepositoryPaths.TestOutput, "runtimes", "linux-x64", "native", "libLibTorchSharp.so");

    internal static string OriginalLibrary
    {
        get
        {
            string cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            return Path.Combine(cache, "torchsharp", "0.107.0", "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        }
    }

    [Fact]
    public void Glibcxx_3_4_32_requirement_is_weak_and_every_other_requirement_is_untouched()
    {
        Assert.True(File.Exists(OriginalLibrary), $"TorchSharp's original native library is missing at {OriginalLibrary}");
        var original = ReadVersionNeeds(OriginalLibrary);
        var patched = ReadVersionNeeds(PatchedLibrary);

        Assert.Equal("none", original[Glibcxx]);
        Assert.Equal("WEAK", patched[Glibcxx]);
        Assert.Equal(original.Keys.Order(), patched.Keys.Order());
        foreach (var (name, flags) in original.Where(entry => entry.Key != Glibcxx))
            Assert.True(flags == patched[name], $"{name}: flags changed from '{flags}' to '{patched[name]}'");
    }

    [Fact]
    public void Patch_changes_exactly_one_byte_and_leaves_the_package_cache_copy_alone()
    {
        byte[] original = File.ReadAllBytes(OriginalLibrary);
        byte[] patched = File.ReadAllBytes(PatchedLibrary);
        Assert.Equal(original.Length, patched.Length);
        int[] differing = Enumerable.Range(0, original.Length).Where(i => original[i] != patched[i]).ToArray();
        Assert.Single(differing);
        // VER_FLG_WEAK is bit 1 of vna_flags: the only change is that bit going from 0 to 1.
        Assert.Equal(original[differing[0]] | 0x2, patched[differing[0]]);
    }

    /// <summary>"needed file/version" → flags, from <c>readelf -V</c>'s .gnu.version_r listing.</summary>
    internal static Dictionary<string, string> ReadVersionNeeds(string path)
    {
        ProcessResult result = ProcessRunner.Run("readelf", ["-V", "-W", path]);
        Assert.True(result.ExitCode == 0, result.Combined);
        string needs = result.StandardOutput[result.StandardOutput.IndexOf(".gnu.version_r", StringComparison.Ordinal)..];
        var entries = new Dictionary<string, string>();
        string file = "";
        foreach (string line in needs.Split('\n'))
        {
            if (FileLine().Match(line) is { Success: true } fileMatch)
                file = fileMatch.Groups["file"].Value;
            else if (VernauxLine().Match(line) is { Success: true } entry)
                entries.Add($"{file}/{entry.Groups["name"].Value}", entry.Groups["flags"].Value);
        }
        Assert.NotEmpty(entries);
        return entries;
    }

    [GeneratedRegex(@"File: (?<file>\S+)")]
    private static partial Regex FileLine();

    [GeneratedRegex(@"Name: (?<name>\S+)\s+Flags: (?<flags>\S+)")]
    private static partial Regex VernauxLine();
}
