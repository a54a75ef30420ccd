using System.Text.RegularExpressions;
using ModelDsl.Tests.Support;

namespace ModelDsl.Tests.Packaging;

/// <summary>
/// docs/getting-started.md's commands can be typed in the order given: the feed the template's project needs exists
/// before the project is restored, the package source is the project's own, and every path and template it names
/// exists. (The template test in <see cref="OutsideProjectTests"/> runs the same nuget commands.)
/// </summary>
public sealed class GettingStartedTests
{
    private static readonly string[] Commands = ReadCommands();

    private static string[] ReadCommands()
    {
        string guide = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "getting-started.md"));
        return Regex.Matches(guide, "```bash\n(.*?)```", RegexOptions.Singleline)
            .SelectMany(block => block.Groups[1].Value.Split('\n'))
            .Select(line => line.Split('#')[0].Trim())
            .Where(line => line.Length > 0)
            .ToArray();
    }

    private static int IndexOf(string start)
    {
        int index = Array.FindIndex(Commands, c => c.StartsWith(start, StringComparison.Ordinal));
        Assert.True(index >= 0, $"no command starting '{start}' in the guide:\n{string.Join('\n', Commands)}");
        return index;
    }

    [Fact]
    public void The_feed_is_packed_and_the_template_installed_before_the_project_is_created()
    {
        int pack = IndexOf("dotnet pack Runtime");
        int install = IndexOf("dotnet new install");
        int create = IndexOf("dotnet new modeldsl-app");
        int source = IndexOf("dotnet nuget add source");
        Assert.True(pack < create && install < create && create < source, string.Join('\n', Commands));

        // The feed the source names is the folder the pack wrote.
        string feed = Regex.Match(Commands[pack], "-o (\\S+)").Groups[1].Value;
        Assert.StartsWith($"dotnet nuget add source {feed} ", Commands[source]);
    }

    [Fact]
    public void The_package_source_goes_into_the_projects_own_nuget_config()
    {
        Assert.True(IndexOf("dotnet new nugetconfig") < IndexOf("dotnet nuget add source"));
        Assert.All(Commands.Where(c => c.StartsWith("dotnet nuget add source", StringComparison.Ordinal)),
            c => Assert.EndsWith("--configfile nuget.config", c));
    }

    [Fact]
    public void The_template_installed_is_the_one_in_the_repository_and_no_package_that_does_not_exist_is_mentioned()
    {
        string argument = Commands[IndexOf("dotnet new install")]["dotnet new install".Length..].Trim();
        Assert.True(Directory.Exists(Path.Combine(RepositoryPaths.Root, argument, ".template.config")), $"'{argument}' is not a template folder of the repository");
        string guide = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "getting-started.md"));
        Assert.DoesNotContain("or the template package", guide);
        Assert.Contains("runs/", File.ReadAllLines(Path.Combine(RepositoryPaths.Root, "templates", "modeldsl-app", ".gitignore")));
    }
}
