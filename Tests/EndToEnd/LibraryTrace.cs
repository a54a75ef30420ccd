using ModelDsl.Tests.Support;

namespace ModelDsl.Tests.EndToEnd;

/// <summary>
/// Runs the app with glibc's library trace on (LD_DEBUG=libs), so a test can see which shared libraries the process
/// initialised: how the ONNX tests prove <c>predict --onnx</c> loads ONNX Runtime and no libtorch.
/// </summary>
internal static class LibraryTrace
{
    /// <summary>
    /// Runs the app in <paramref name="folder"/>'s trace files named by <paramref name="name"/> and requires exit code 0;
    /// returns the result and the libraries it initialised (none where the C library is not glibc).
    /// </summary>
    public static (ProcessResult Result, string[] Libraries) Run(string folder, string name, params string[] arguments)
    {
        string prefix = Path.Combine(folder, "ld-" + name);
        ProcessResult result = ModelsApp.Run(new Dictionary<string, string?> { ["LD_DEBUG"] = "libs", ["LD_DEBUG_OUTPUT"] = prefix }, TimeSpan.FromMinutes(5), arguments);
        Assert.True(result.ExitCode == 0, result.Combined);
        string[] libraries = Directory.GetFiles(folder, "ld-" + name + ".*").SelectMany(File.ReadAllLines)
            .Where(l => l.Contains("calling init:", StringComparison.Ordinal)).ToArray();
        return (result, libraries);
    }
}
