namespace ModelDsl.Data;

/// <summary>
/// Typed rows read from a CSV file by a generated <c>XxxCsvReader</c>: the records, their targets when a target column
/// was named, and the file line each came from (for messages about a row).
/// </summary>
/// <typeparam name="TRecord">The feature record.</typeparam>
/// <typeparam name="TTarget"><see cref="float"/> for binary (0/1) and regression models, <see cref="long"/> class indices for multi-class ones.</typeparam>
public sealed class CsvRecords<TRecord, TTarget>
{
    /// <summary>Wraps what a reader read; <paramref name="targets"/> is empty or has one entry per record.</summary>
    /// <exception cref="ArgumentException">The counts disagree.</exception>
    public CsvRecords(string path, IReadOnlyList<TRecord> records, IReadOnlyList<TTarget> targets, IReadOnlyList<int> lines)
    {
        if (lines.Count != records.Count || targets.Count != 0 && targets.Count != records.Count)
            throw new ArgumentException($"{records.Count} records, {targets.Count} targets and {lines.Count} lines: each record needs one line and, when targets are read, one target.");
        Path = path;
        Records = records;
        Targets = targets;
        Lines = lines;
    }

    /// <summary>The file read.</summary>
    public string Path { get; }

    /// <summary>One record per data row, in file order.</summary>
    public IReadOnlyList<TRecord> Records { get; }

    /// <summary>The target of each record, or empty when no target column was asked for.</summary>
    public IReadOnlyList<TTarget> Targets { get; }

    /// <summary>The file line (1-based, the header is line 1) of each record.</summary>
    public IReadOnlyList<int> Lines { get; }

    /// <summary>Number of records.</summary>
    public int Count => Records.Count;
}
