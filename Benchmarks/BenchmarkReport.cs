using System.Globalization;

namespace ModelDsl.Benchmarks;

/// <summary>Collects each section's ratios as they are measured and prints them again together at the end.</summary>
internal sealed class BenchmarkReport
{
    private readonly List<string> _lines = [];

    /// <summary>Prints and records a ratio with what it compares and the target it should meet (if any).</summary>
    public void Ratio(string name, double value, string comparison, string? target = null)
    {
        string line = string.Create(CultureInfo.InvariantCulture,
            $"RATIO {name,-40} {value,9:F3}   {comparison}{(target is null ? "" : $"   (target {target})")}");
        Console.WriteLine(line);
        _lines.Add(line);
    }

    /// <summary>Prints and records a line that is not a ratio (a count, a skip, a verdict).</summary>
    public void Fact(string line)
    {
        Console.WriteLine("FACT  " + line);
        _lines.Add("FACT  " + line);
    }

    public void PrintSummary()
    {
        Console.WriteLine();
        Console.WriteLine("== summary ==");
        foreach (string line in _lines)
            Console.WriteLine(line);
    }
}
