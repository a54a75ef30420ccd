using TorchSharp;

namespace ModelDsl.Baselines;

/// <summary>
/// Numeric rows of equal width for the tabular baselines: a model's featurized inputs (standardised numbers, one-hot
/// enums) or raw numeric columns of a table. Missing values are not allowed: every cell must be a finite number.
/// </summary>
public sealed class FeatureTable
{
    private readonly float[][] _rows;

    /// <summary>Copies <paramref name="rows"/>, checking that they have the same width and hold only finite numbers.</summary>
    /// <param name="rows">One array per example.</param>
    /// <param name="columnNames">A name per column for messages, or null for <c>column N</c>.</param>
    /// <exception cref="ArgumentException">There are no rows or columns, a row has another width, or a cell is NaN or infinite (the message names the row and column).</exception>
    public FeatureTable(IReadOnlyList<float[]> rows, IReadOnlyList<string>? columnNames = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0 || rows[0].Length == 0)
            throw new ArgumentException("A feature table needs at least one row and one column.", nameof(rows));
        if (columnNames is not null && columnNames.Count != rows[0].Length)
            throw new ArgumentException($"There are {columnNames.Count} column names for rows of {rows[0].Length} values.", nameof(columnNames));
        ColumnNames = columnNames?.ToArray() ?? Enumerable.Range(0, rows[0].Length).Select(c => $"column {c}").ToArray();
        _rows = new float[rows.Count][];
        for (int r = 0; r < rows.Count; r++)
        {
            if (rows[r].Length != ColumnNames.Count)
                throw new ArgumentException($"Row {r} has {rows[r].Length} values but row 0 has {ColumnNames.Count}.", nameof(rows));
            for (int c = 0; c < rows[r].Length; c++)
                if (!float.IsFinite(rows[r][c]))
                    throw new ArgumentException($"Row {r}, {ColumnNames[c]} is {rows[r][c]}; the baselines need finite numbers.", nameof(rows));
            _rows[r] = (float[])rows[r].Clone();
        }
    }

    /// <summary>The number of rows (examples).</summary>
    public int RowCount => _rows.Length;

    /// <summary>The name of each column, in order.</summary>
    public IReadOnlyList<string> ColumnNames { get; }

    /// <summary>Row <paramref name="index"/>'s values (the table's own array: do not change it).</summary>
    public IReadOnlyList<float> this[int index] => _rows[index];

    /// <summary>The rows of a float tensor <c>[N, F]</c>, e.g. a dataset's featurized inputs, copied to the host.</summary>
    /// <exception cref="ArgumentException">The tensor is not two-dimensional, or a value is not finite.</exception>
    public static FeatureTable FromTensor(torch.Tensor features, IReadOnlyList<string>? columnNames = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (features.dim() != 2)
            throw new ArgumentException($"Features have shape [{string.Join(", ", features.shape)}]; a feature table needs [N, F].", nameof(features));
        using var scope = torch.NewDisposeScope();
        float[] values = features.to(torch.float32).cpu().contiguous().data<float>().ToArray();
        int columns = (int)features.shape[1];
        var rows = new float[features.shape[0]][];
        for (int r = 0; r < rows.Length; r++)
            rows[r] = values.AsSpan(r * columns, columns).ToArray();
        return new FeatureTable(rows, columnNames);
    }

    /// <summary>
    /// The table with each embedded enum's member-index column (<see cref="Data.EmbeddedIndexColumn"/>) replaced, in place,
    /// by one 0/1 column per member: the baselines then see the categories as a one-hot model does, not as an ordinal.
    /// </summary>
    /// <exception cref="ArgumentException">A column is outside the table, or a cell is not a member index of its enum (names the row).</exception>
    public FeatureTable WithOneHot(IReadOnlyList<Data.EmbeddedIndexColumn> indexColumns)
    {
        ArgumentNullException.ThrowIfNull(indexColumns);
        if (indexColumns.Count == 0)
            return this;
        var byColumn = indexColumns.ToDictionary(c => c.Column);
        if (byColumn.Keys.FirstOrDefault(c => c < 0 || c >= ColumnNames.Count, -1) is var outside and >= 0)
            throw new ArgumentException($"Column {outside} is outside the table's {ColumnNames.Count} columns.", nameof(indexColumns));
        var names = new List<string>();
        for (int c = 0; c < ColumnNames.Count; c++)
        {
            if (byColumn.TryGetValue(c, out Data.EmbeddedIndexColumn? index))
                names.AddRange(Enumerable.Range(0, index.Members).Select(m => $"{index.Property}[{m}]"));
            else
                names.Add(ColumnNames[c]);
        }
        var rows = new float[_rows.Length][];
        for (int r = 0; r < rows.Length; r++)
        {
            var row = new List<float>(names.Count);
            for (int c = 0; c < ColumnNames.Count; c++)
            {
                float value = _rows[r][c];
                if (!byColumn.TryGetValue(c, out Data.EmbeddedIndexColumn? index))
                {
                    row.Add(value);
                    continue;
                }
                if (value < 0 || value >= index.Members || value != MathF.Floor(value))
                    throw new ArgumentException($"Row {r}, {ColumnNames[c]} is {value}, not a member index of {index.Property} (0 to {index.Members - 1}).", nameof(indexColumns));
                for (int m = 0; m < index.Members; m++)
                    row.Add(m == (int)value ? 1f : 0f);
            }
            rows[r] = row.ToArray();
        }
        return new FeatureTable(rows, names);
    }

    /// <summary>The rows without copying, for the ML.NET data views built in this assembly.</summary>
    internal IReadOnlyList<float[]> Rows => _rows;
}
