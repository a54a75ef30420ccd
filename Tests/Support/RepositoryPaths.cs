namespace ModelDsl.Tests.Support;

/// <summary>Locations in the repository and beside it, found from the test assembly's folder.</summary>
public static class RepositoryPaths
{
    /// <summary>The repository root (the folder holding ModelDsl.sln).</summary>
    public static string Root { get; } = FindRoot();

    /// <summary><c>../shared/data</c> next to the repository, which tests may read when present.</summary>
    public static string SharedData => Path.GetFullPath(Path.Combine(Root, "..", "shared", "data"));

    /// <summary>The test assembly's own output folder.</summary>
    public static string TestOutput => AppContext.BaseDirectory;

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ModelDsl.sln")))
                return dir.FullName;
        throw new InvalidOperationException("ModelDsl.sln not found above " + AppContext.BaseDirectory);
    }
}
