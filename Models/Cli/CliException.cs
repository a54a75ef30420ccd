namespace ModelDsl.Models.Cli;

/// <summary>A user-facing error: printed as <c>error: message</c> and turned into a non-zero exit code.</summary>
internal sealed class CliException(string message, int exitCode = CliException.UsageError) : Exception(message)
{
    /// <summary>Wrong arguments, unknown model, or a file that does not exist.</summary>
    public const int UsageError = 2;

    /// <summary>Input data that cannot be used (malformed rows, wrong columns).</summary>
    public const int DataError = 3;

    /// <summary>The exit code the process ends with.</summary>
    public int ExitCode { get; } = exitCode;
}
