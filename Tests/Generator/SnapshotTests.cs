using DiffPlex.Renderer;
using ModelDsl.Tests.Support;

namespace ModelDsl.Tests.Generator;

/// <summary>
/// The generated source of every model declared in Models/ is kept in Snapshots/ and reviewed like code. A change fails
/// with a unified diff; set MODELDSL_ACCEPT_SNAPSHOTS=1 to write the new snapshots (then read them before committing).
/// A missing snapshot fails too.
/// </summary>
public sealed class SnapshotTests
{
    private static string ModelsFolder => Path.Combine(RepositoryPaths.Root, "Models");
    private static string SnapshotsFolder => Path.Combine(RepositoryPaths.Root, "Snapshots");

    public static TheoryData<string> GeneratedFiles()
    {
        var data = new TheoryData<string>();
        foreach (string hint in RunOverModels().Sources.Keys.Order(StringComparer.Ordinal))
            data.Add(hint);
        return data;
    }

    [Theory]
    [MemberData(nameof(GeneratedFiles))]
    public void Generated_source_matches_its_snapshot(string hintName)
    {
        string actual = RunOverModels().Sources[hintName].Replace("\r\n", "\n");
        string path = Path.Combine(SnapshotsFolder, hintName.Replace(".g.cs", ".verified.cs"));
        if (Environment.GetEnvironmentVariable("MODELDSL_ACCEPT_SNAPSHOTS") == "1")
        {
            Directory.CreateDirectory(SnapshotsFolder);
            File.WriteAllText(path, actual);
        }
        Assert.True(File.Exists(path), $"No snapshot for {hintName} at {path}. Review the output, then run the tests with MODELDSL_ACCEPT_SNAPSHOTS=1.");
        string expected = File.ReadAllText(path).Replace("\r\n", "\n");
        if (expected != actual)
            Assert.Fail($"{hintName} differs from {path}:\n{UnidiffRenderer.GenerateUnidiff(expected, actual, "snapshot", "generated")}" +
                        "\nIf the change is intended, rerun with MODELDSL_ACCEPT_SNAPSHOTS=1 and review the new snapshot.");
    }

    [Fact]
    public void Generation_is_deterministic()
    {
        GeneratorRun first = RunOverModels(), second = RunOverModels();
        Assert.Equal(first.Sources.Keys.Order(), second.Sources.Keys.Order());
        foreach (var (hint, text) in first.Sources)
            Assert.Equal(text, second.Sources[hint]);
    }

    /// <summary>Runs the generator over the model declarations (C# and YAML) that ship in Models/.</summary>
    internal static GeneratorRun RunOverModels()
    {
        string[] sources = Directory.GetFiles(Path.Combine(ModelsFolder, "Declarations"), "*.cs", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal).Select(File.ReadAllText).ToArray();
        var yaml = Directory.GetFiles(ModelsFolder, "*.model.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(p => new InMemoryAdditionalText(Path.GetRelativePath(RepositoryPaths.Root, p), File.ReadAllText(p))).ToArray();
        GeneratorRun run = GeneratorHarness.Run(sources, yaml);
        Assert.Empty(run.CompilationErrors);
        return run;
    }
}
