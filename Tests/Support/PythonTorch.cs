namespace ModelDsl.Tests.Support;

/// <summary>Debian's Python with python3-torch (PyTorch 1.13 on CPU): the peer the PyTorch interop tests run against.</summary>
public static class PythonTorch
{
    /// <summary>The interpreter (not the pyenv python3 on PATH, which has no torch).</summary>
    public const string Python = "/usr/bin/python3";

    private static readonly Lazy<string?> Missing = new(() =>
        !File.Exists(Python) ? "no /usr/bin/python3"
        : ProcessRunner.Run(Python, ["-c", "import torch"]).ExitCode != 0 ? "python3-torch is not installed" : null);

    /// <summary>Why the peer cannot run here, or null when it can (checked once per test run).</summary>
    public static string? MissingReason => Missing.Value;
}
