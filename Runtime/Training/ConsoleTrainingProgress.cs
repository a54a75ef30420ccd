using System.Globalization;
using Spectre.Console;

namespace ModelDsl.Training;

/// <summary>
/// Progress on the console: a live progress bar per epoch in an interactive terminal, and always one plain line per
/// epoch (Spectre prints nothing when output is redirected, so the plain line is what logs and CI see).
/// </summary>
public sealed class ConsoleTrainingProgress : ITrainingProgress
{
    private readonly TextWriter _output;
    private readonly bool _interactive;
    private long _batches;

    /// <summary>Writes epoch lines to <paramref name="output"/>; draws a bar only when the console is an interactive terminal.</summary>
    public ConsoleTrainingProgress(TextWriter output)
    {
        _output = output;
        _interactive = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;
    }

    /// <inheritdoc />
    public void EpochStarted(int epoch, int epochs, long batches) => _batches = batches;

    /// <inheritdoc />
    public void BatchCompleted(int epoch, long batch)
    {
        if (!_interactive || (batch % 20 != 0 && batch != _batches))
            return;
        int width = 30;
        int done = (int)(width * batch / Math.Max(1, _batches));
        AnsiConsole.Markup($"\repoch {epoch} [green]{new string('━', done)}[/][grey]{new string('━', width - done)}[/] {batch}/{_batches}");
    }

    /// <inheritdoc />
    public void EpochCompleted(EpochRecord record, int epochs)
    {
        if (_interactive)
            AnsiConsole.Write("\r" + new string(' ', 60) + "\r");
        string values = string.Join("  ", record.Values.Select(v => $"{v.Key} {v.Value.ToString("F4", CultureInfo.InvariantCulture)}"));
        _output.WriteLine($"epoch {record.Epoch}/{epochs}  {values}  lr {LearningRateText.Format(record.LearningRate)}  {record.Seconds.ToString("F1", CultureInfo.InvariantCulture)}s");
    }
}
