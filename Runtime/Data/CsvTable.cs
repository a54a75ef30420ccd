using System.Globalization;
using nietras.SeparatedValues;

namespace ModelDsl.Data;

/// <summary>
/// A CSV file read with Sep into memory, with typed access whose errors name the file, line and column. Column names
/// are matched ignoring case.
/// </summary>
public sealed class CsvTable
{
    private readonly Dictionary<string, int> _columns;
    private readonly List<string[]> _rows = [];
    private readonly List<int> _lines = [];

    private CsvTable(string path, IReadOnlyList<string> header)
    {
        Path = path;
        Header = header;
        _columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < header.Count; i++)
            _columns.TryAdd(header[i].Trim(), i);
    }

    /// <summary>The file read.</summary>
    public string Path { get; }

    /// <summary>Column names as written in the header.</summary>
    public IReadOnlyList<string> Header { get; }

    /// <summary>Number of data rows.</summary>
    public int Count => _rows.Count;

    /// <summary>Reads <paramref name="path"/> and checks it has every column in <paramref name="required"/>.</summary>
    /// <exception cref="InvalidDataException">A required column is missing, or a row has fewer fields than the header (names line and columns).</exception>
    /// <remarks>Blank lines are skipped.</remarks>
    public static CsvTable Read(string path, params string[] required)
    {
        using SepReader reader = Sep.Reader(o => o with { Unescape = true, DisableColCountCheck = true }).FromFile(path);
        var table = new CsvTable(path, reader.Header.ColNames.ToList());
        string[] missing = required.Where(c => !table._columns.ContainsKey(c)).ToArray();
        if (missing.Length > 0)
            throw new InvalidDataException(
                $"{path}: missing column(s) {string.Join(", ", missing.Select(m => $"'{m}'"))}; the header has: {string.Join(", ", table.Header)}.");
        foreach (SepReader.Row row in reader)
        {
            // Blank lines (often one at the end of an exported file) carry no row.
            if (row.ColCount == 1 && table.Header.Count > 1 && row[0].Span.IsWhiteSpace())
                continue;
            if (row.ColCount != table.Header.Count)
                throw new InvalidDataException(
                    $"{path}:{row.LineNumberFrom}: the row has {row.ColCount} fields but the header has {table.Header.Count} columns.");
            var fields = new string[row.ColCount];
            for (int i = 0; i < row.ColCount; i++)
                fields[i] = row[i].ToString();
            table._rows.Add(fields);
            table._lines.Add(row.LineNumberFrom);
        }
        return table;
    }

    /// <summary>True when the file has a column named <paramref name="column"/> (ignoring case).</summary>
    public bool Has(string column) => _columns.ContainsKey(column);

    /// <summary>The raw text of a field.</summary>
    public string Text(int row, string column) => _rows[row][Index(column)].Trim();

    /// <summary>A field as a number (invariant culture; <c>1.00E+05</c> accepted).</summary>
    /// <exception cref="InvalidDataException">The field is not a finite number; names file, line and column.</exception>
    public double Number(int row, string column)
    {
        string text = Text(row, column);
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value))
            return value;
        throw new InvalidDataException($"{Path}:{_lines[row]}: column '{column}' holds '{text}', which is not a number.");
    }

    /// <summary>The number in <paramref name="column"/> of <paramref name="row"/>, which must lie in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    /// <exception cref="InvalidDataException">The cell is not a number or lies outside the range; names file, line and column.</exception>
    public double Number(int row, string column, double min, double max)
    {
        double value = Number(row, column);
        return value >= min && value <= max ? value
            : throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"{Path}:{_lines[row]}: column '{column}' holds {Text(row, column)}; expected a number from {min} to {max}."));
    }

    /// <summary>The line number of a data row in the file.</summary>
    public int Line(int row) => _lines[row];

    private int Index(string column) =>
        _columns.TryGetValue(column, out int index) ? index : throw new InvalidDataException($"{Path}: no column '{column}'.");
}
