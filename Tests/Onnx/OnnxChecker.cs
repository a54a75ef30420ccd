using ModelDsl.Tests.Support;

namespace ModelDsl.Tests.Onnx;

/// <summary>
/// Runs <c>onnx.checker.check_model</c> (Debian's python3-onnx for /usr/bin/python3) over many files in one Python
/// process; <see cref="Available"/> is false where that Python or its onnx module is absent, so tests skip cleanly.
/// </summary>
internal static class OnnxChecker
{
    private const string Python = "/usr/bin/python3";

    private const string Script = """
        import sys, onnx
        for path in sys.argv[1:]:
            try:
                onnx.checker.check_model(onnx.load(path), full_check=True)
                print("ok\t" + path)
            except Exception as error:
                print("fail\t" + path + "\t" + str(error).replace("\n", " "))
        """;

    private static readonly Lazy<bool> IsAvailable = new(() =>
        File.Exists(Python) && ProcessRunner.Run(Python, ["-c", "import onnx"], timeout: TimeSpan.FromMinutes(1)).ExitCode == 0);

    /// <summary>True when /usr/bin/python3 can import onnx.</summary>
    public static bool Available => IsAvailable.Value;

    /// <summary>The checker's complaint about each failing file (empty when all pass).</summary>
    public static IReadOnlyDictionary<string, string> Failures(IEnumerable<string> paths)
    {
        string[] files = paths.ToArray();
        ProcessResult result = ProcessRunner.Run(Python, ["-c", Script, .. files], timeout: TimeSpan.FromMinutes(5));
        Assert.True(result.ExitCode == 0, "the ONNX checker did not run: " + result.StandardError);
        var lines = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\t')).ToList();
        Assert.Equal(files.Length, lines.Count(l => l[0] is "ok" or "fail"));
        return lines.Where(l => l[0] == "fail").ToDictionary(l => l[1], l => l.Length > 2 ? l[2] : "");
    }
}
