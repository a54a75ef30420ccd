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

    /// <summary>The longest row Sep reads (its buffer limit), in characters.</summary>
    public const int MaxRowLength = 16 * 1024 * 1024;

    /// <summary>Reads <paramref name="path"/> and checks it has every column in <paramref name="required"/>.</summary>
    /// <exception cref="InvalidDataException">
    /// The path is a folder; a required column is missing or a column name appears twice in the header (ignoring case);
    /// a row has fewer fields than the header or is longer than <see cref="MaxRowLength"/> characters. The message names
    /// the file and, where there is one, the line and column.
    /// </exception>
    /// <remarks>Blank lines are skipped.</remarks>
    public static CsvTable Read(string path, params string[] required)
    {
        if (Directory.Exists(path))
            throw new InvalidDataException($"{path}: is a folder; a CSV file is expected.");
        // The header is read as a row, not by Sep, so a repeated column name gets a message naming the columns (Sep's
        // names the header's text and is an ArgumentException).
        using SepReader reader = Sep.Reader(o => o with { HasHeader = false, Unescape = true, DisableColCountCheck = true }).FromFile(path);
        int nextLine = 1;
        CsvTable? table = null;
        try
        {
            foreach (SepReader.Row row in reader)
            {
                // A quoted field may hold line breaks: the next row starts after all of this row's lines.
                nextLine = row.LineNumberFrom + row.Span.Count('\n') + 1;
                if (table is null)
                {
                    var names = new List<string>(row.ColCount);
                    for (int i = 0; i < row.ColCount; i++)
                        names.Add(row[i].ToString());
                    table = new CsvTable(path, names);
                    table.CheckHeader(required);
                    continue;
                }
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
        }
        catch (NotSupportedException ex) when (ex.Message.Contains(MaxRowLength.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal))
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"{path}:{nextLine}: the row is longer than {MaxRowLength:N0} characters (16 MB), the most a row may hold; if it should not be, look for a quote (\") that is not closed."), ex);
        }
        if (table is null)
        {
            table = new CsvTable(path, []);
            table.CheckHeader(required);
        }
        return table;
    }

    private void CheckHeader(string[] required)
    {
        for (int i = 0; i < Header.Count; i++)
            if (_columns[Header[i].Trim()] != i)
                throw new InvalidDataException(
                    $"{Path}:1: column '{Header[i].Trim()}' appears twice in the header (columns {_columns[Header[i].Trim()] + 1} and {i + 1}); every column needs its own name.");
        string[] missing = required.Where(c => !_columns.ContainsKey(c)).ToArray();
        if (missing.Length > 0)
            throw new InvalidDataException(
                $"{Path}: missing column(s) {string.Join(", ", missing.Select(m => $"'{m}'"))}; the header has: {string.Join(", ", Header)}.");
    }

    /// <summary>True when the file has a column named <paramref name="column"/> (ignoring case).</summary>
    public bool Has(string column) => _columns.ContainsKey(column);

    /// <summary>The raw text of a field.</summary>
    public string Text(int row, string column) => _rows[row][Index(column)].Trim();

    /// <summary>A field as a number (invariant culture; <c>1.00E+05</c> accepted).</summary>
    /// <exception cref="InvalidDataException">
    /// The field is not a number, or not one a 32-bit float holds (NaN, infinity, beyond ±3.4E+38: models compute in
    /// float32, where <c>1e308</c> becomes infinity); names file, line and column.
    /// </exception>
    public double Number(int row, string column)
    {
        string text = Text(row, column);
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || double.IsNaN(value))
            throw new InvalidDataException($"{Path}:{_lines[row]}: column '{column}' holds '{text}', which is not a number.");
        if (!(Math.Abs(value) <= float.MaxValue))
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"{Path}:{_lines[row]}: column '{column}' holds '{text}', which is too large: numbers must lie within ±{float.MaxValue:G3} (32-bit floats, what the model computes in)."));
        return value;
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

    /// <summary>
    /// For each wanted property, the first of its names the header has (ignoring case; returned as the header spells it), so one file may call a column
    /// <c>target</c> and another <c>default.payment.next.month</c>.
    /// </summary>
    /// <param name="wanted">Per property, the names it may go by, preferred first.</param>
    /// <exception cref="InvalidDataException">Some are missing; lists every missing one and the header.</exception>
    public string[] FindColumns(IReadOnlyList<IReadOnlyList<string>> wanted)
    {
        var found = new string[wanted.Count];
        var missing = new List<string>();
        for (int i = 0; i < wanted.Count; i++)
        {
            string? name = wanted[i].FirstOrDefault(_columns.ContainsKey);
            if (name is null)
                missing.Add(string.Join(" or ", wanted[i].Select(n => $"'{n}'")));
            // As the header spells it, so messages name the column the user sees.
            found[i] = name is null ? "" : Header[_columns[name]].Trim();
        }
        if (missing.Count > 0)
            throw new InvalidDataException(
                $"{Path}: missing column(s) {string.Join(", ", missing)}; the header has: {string.Join(", ", Header)}.");
        return found;
    }

    /// <summary>A field that must be a whole number in [<paramref name="min"/>, <paramref name="max"/>] (<c>1.00E+05</c> accepted).</summary>
    /// <exception cref="InvalidDataException">It is not a number, has a fraction, or lies outside the range; names file, line and column.</exception>
    public double WholeNumber(int row, string column, double min, double max)
    {
        double value = Number(row, column);
        return value == Math.Floor(value) && value >= min && value <= max ? value
            : throw Invalid(row, column, string.Create(CultureInfo.InvariantCulture, $"a whole number from {min} to {max}"));
    }

    /// <summary>A field that is <c>true</c>/<c>false</c>, <c>1</c>/<c>0</c> or <c>yes</c>/<c>no</c> (ignoring case).</summary>
    /// <exception cref="InvalidDataException">It is none of these; names file, line and column.</exception>
    public bool Boolean(int row, string column) => Text(row, column).ToLowerInvariant() switch
    {
        "true" or "1" or "yes" or "y" => true,
        "false" or "0" or "no" or "n" => false,
        _ => throw Invalid(row, column, "true or false (1/0, yes/no)"),
    };

    /// <summary>A binary target: 1 (positive) or 0, also written true/false or yes/no.</summary>
    /// <exception cref="InvalidDataException">It is none of these; names file, line and column.</exception>
    public float BinaryTarget(int row, string column)
    {
        string text = Text(row, column);
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
            return value is 0 or 1 ? (float)value : throw Invalid(row, column, "1 (positive) or 0");
        return Boolean(row, column) ? 1f : 0f;
    }

    /// <summary>A class index from 0 to <paramref name="classes"/> − 1.</summary>
    /// <exception cref="InvalidDataException">It is not such a whole number; names file, line and column.</exception>
    public long ClassIndex(int row, string column, long classes) => (long)WholeNumber(row, column, 0, classes - 1);

    /// <summary>The error for a field that holds something other than <paramref name="expected"/>, naming file, line and column.</summary>
    public InvalidDataException Invalid(int row, string column, string expected) =>
        new($"{Path}:{_lines[row]}: column '{column}' holds '{Text(row, column)}'; expected {expected}.");

    /// <summary>The line number of a data row in the file.</summary>
    public int Line(int row) => _lines[row];

    private int Index(string column) =>
        _columns.TryGetValue(column, out int index) ? index : throw new InvalidDataException($"{Path}: no column '{column}'.");
}
