using System.Diagnostics;

namespace ModelDsl.Benchmarks;

/// <summary>A Python interpreter that can import torch, found by probing candidates.</summary>
/// <param name="Executable">The interpreter to start.</param>
/// <param name="TorchVersion">What <c>torch.__version__</c> printed.</param>
internal sealed record TorchPython(string Executable, string TorchVersion)
{
    // The pyenv python3 first on PATH often lacks torch while Debian's python3-torch lives under /usr/bin/python3.
    private static readonly string[] Candidates = ["python3", "/usr/bin/python3", "python"];

    /// <summary>
    /// The first of <paramref name="explicitChoice"/> (only that one, when given) or the usual candidates that imports
    /// torch; null when none does, with each candidate's reason in <paramref name="reasons"/>.
    /// </summary>
    public static TorchPython? Find(string? explicitChoice, out List<string> reasons)
    {
        reasons = [];
        foreach (string candidate in explicitChoice is null ? Candidates : [explicitChoice])
        {
            var (exitCode, output) = Run(candidate, ["-c", "import torch; print(torch.__version__)"], TimeSpan.FromSeconds(120));
            if (exitCode == 0 && output.Trim().Length > 0)
                return new TorchPython(candidate, output.Trim().Split('\n')[^1].Trim());
            reasons.Add($"{candidate}: {(exitCode is null ? output : $"exit {exitCode}, {LastLine(output)}")}");
        }
        return null;
    }

    /// <summary>
    /// Runs the interpreter with <paramref name="arguments"/> and, when given, extra <paramref name="environment"/>
    /// variables; returns the exit code (null: could not start or timed out) and stdout+stderr.
    /// </summary>
    public static (int? ExitCode, string Output) Run(string executable, IEnumerable<string> arguments, TimeSpan limit, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in arguments)
            start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            start.Environment[name] = value;
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("no process");
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return (null, $"cannot start ({ex.Message})");
        }
        using (process)
        {
            Task<string> stdout = process.StandardOutput.ReadToEndAsync();
            Task<string> stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(limit))
            {
                process.Kill(entireProcessTree: true);
                return (null, $"timed out after {limit.TotalSeconds:F0} s");
            }
            return (process.ExitCode, stdout.Result + stderr.Result);
        }
    }

    private static string LastLine(string text)
    {
        string[] lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length == 0 ? "no output" : lines[^1];
    }
}
