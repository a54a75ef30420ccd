using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace ModelDsl.Benchmarks;

/// <summary>
/// The generator's share of a clean <c>dotnet build Models -c Release --no-incremental</c>: the compiler's own
/// per-generator time (<c>-p:ReportAnalyzer=true</c>, printed at detailed verbosity) ÷ the build's wall-clock time.
/// The build writes Models', Runtime's and Generator's usual bin/obj folders (deterministic, same bytes); the running
/// benchmark uses its own copies under Benchmarks/bin.
/// </summary>
internal sealed partial class BuildShareMeasurement(BenchmarkReport report)
{
    [GeneratedRegex(@"^\s*(?<seconds>[0-9]+\.[0-9]+)\s+\S+\s+ModelDsl\.Generator\.ModelGenerator\s*$", RegexOptions.Multiline)]
    private static partial Regex GeneratorTimeLine();

    [GeneratedRegex(@"Total analyzer execution time: (?<seconds>[0-9]+\.[0-9]+) seconds", RegexOptions.Multiline)]
    private static partial Regex AnalyzerTotalLine();

    public void Run()
    {
        string? root = RepositoryRoot();
        if (root is null)
        {
            report.Fact("generator build share: skipped (no ModelDsl.sln above the benchmark; a published copy has no sources to build)");
            return;
        }
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in new[] { "build", "Models", "-c", "Release", "--no-incremental", "-p:ReportAnalyzer=true", "-v:detailed", "-nologo" })
            start.ArgumentList.Add(argument);
        var clock = Stopwatch.StartNew();
        using Process process = Process.Start(start)!;
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        string text = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        double wall = clock.Elapsed.TotalSeconds;
        if (process.ExitCode != 0)
        {
            report.Fact($"generator build share: the build failed (exit {process.ExitCode}): {Tail(text + stderr.Result)}");
            return;
        }
        double generator = GeneratorTimeLine().Matches(text).Sum(m => double.Parse(m.Groups["seconds"].Value, CultureInfo.InvariantCulture));
        double analyzers = AnalyzerTotalLine().Matches(text).Sum(m => double.Parse(m.Groups["seconds"].Value, CultureInfo.InvariantCulture));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"build    dotnet build Models --no-incremental: {wall:F1} s wall; ModelDsl generator {generator:F3} s; all analyzers {analyzers:F3} s (compiler's ReportAnalyzer)"));
        report.Ratio("generator share of Models build", generator / wall, "ModelGenerator time (ReportAnalyzer) ÷ clean build wall time");
    }

    private static string? RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "ModelDsl.sln")))
                return folder.FullName;
        return null;
    }

    private static string Tail(string text) => text.Length <= 2000 ? text : text[^2000..];
}
