using System.Text.Json;
using ModelDsl.Tests.Support;

namespace ModelDsl.Tests.EndToEnd;

/// <summary>
/// Runs the command-line app (the Models project's build output) as a child process, as a user or script would. The
/// child runs under a German locale (decimal comma), so a figure the app formatted with the machine's culture instead of
/// the invariant one fails the tests that parse its output.
/// </summary>
internal static class ModelsApp
{
    private static string Assembly => Path.Combine(RepositoryPaths.TestOutput, "ModelDsl.Models.dll");

    public static ProcessResult Run(params string[] arguments) => Run(TimeSpan.FromMinutes(10), arguments);

    public static ProcessResult Run(TimeSpan timeout, params string[] arguments) => Run(new Dictionary<string, string?>(), timeout, arguments);

    /// <summary>Runs with extra environment variables (on top of the fixed colour and locale settings).</summary>
    public static ProcessResult Run(IReadOnlyDictionary<string, string?> environment, TimeSpan timeout, params string[] arguments)
    {
        var variables = new Dictionary<string, string?> { ["NO_COLOR"] = "1", ["LANG"] = "de_DE.UTF-8", ["LC_ALL"] = "de_DE.UTF-8" };
        foreach (var (key, value) in environment)
            variables[key] = value;
        return ProcessRunner.Run("dotnet", [Assembly, .. arguments], environment: variables, timeout: timeout);
    }

    /// <summary>Runs and requires exit code 0.</summary>
    public static ProcessResult Succeed(params string[] arguments) => Succeed(TimeSpan.FromMinutes(10), arguments);

    /// <summary>Runs with a time limit (a safety net, not a performance assertion) and requires exit code 0.</summary>
    public static ProcessResult Succeed(TimeSpan timeout, params string[] arguments)
    {
        ProcessResult result = Run(timeout, arguments);
        Assert.True(result.ExitCode == 0, $"modeldsl {string.Join(' ', arguments)} exited {result.ExitCode}:\n{result.Combined}");
        return result;
    }

    /// <summary>The JSON object printed as the last line by <c>--json</c>.</summary>
    public static JsonElement LastJson(ProcessResult result)
    {
        string last = result.StandardOutput.TrimEnd().Split('\n')[^1];
        return JsonDocument.Parse(last).RootElement;
    }

    public static string TempFolder() => Directory.CreateTempSubdirectory("modeldsl-e2e-").FullName;
}
