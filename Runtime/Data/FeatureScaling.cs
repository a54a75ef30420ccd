using System.Globalization;
using System.Text.Json;

namespace ModelDsl.Data;

/// <summary>
/// Standardisation statistics of a record's numeric features, fitted on training data: each value becomes
/// <c>(value − mean) ÷ std</c>. Saved with checkpoints so prediction scales inputs exactly as training did.
/// </summary>
/// <param name="Record">The record type the statistics were fitted for (shown in errors).</param>
/// <param name="Columns">The numeric features, in featurizer order.</param>
/// <param name="Mean">Mean of each column over the training rows.</param>
/// <param name="Std">Population standard deviation of each column (a constant column gets 1, so it scales to 0).</param>
public sealed record FeatureScaling(string Record, IReadOnlyList<string> Columns, IReadOnlyList<double> Mean, IReadOnlyList<double> Std)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>Fits mean and standard deviation of every column over <paramref name="rows"/> rows.</summary>
    /// <param name="record">The record type's name, for messages.</param>
    /// <param name="columns">The numeric features.</param>
    /// <param name="rows">Number of training rows.</param>
    /// <param name="value">The raw value of column <c>c</c> in row <c>r</c>, called as <c>value(r, c)</c>.</param>
    /// <exception cref="ArgumentException">There are no rows, or a value is NaN or infinite (names the row and the field).</exception>
    public static FeatureScaling Fit(string record, IReadOnlyList<string> columns, int rows, Func<int, int, double> value)
    {
        if (rows < 1)
            throw new ArgumentException($"Cannot fit the {record} featurizer on no rows: standardisation needs at least one training row.", nameof(rows));
        var mean = new double[columns.Count];
        var std = new double[columns.Count];
        for (int c = 0; c < columns.Count; c++)
        {
            // Welford's update: one pass, no loss of precision on large values such as incomes.
            double m = 0, squares = 0;
            for (int r = 0; r < rows; r++)
            {
                double x = value(r, c);
                if (!double.IsFinite(x))
                    throw new ArgumentException($"{record} row {r}, field '{columns[c]}': {x.ToString(CultureInfo.InvariantCulture)} is not a finite number.", nameof(value));
                double delta = x - m;
                m += delta / (r + 1);
                squares += delta * (x - m);
            }
            double sd = Math.Sqrt(squares / rows);
            mean[c] = m;
            std[c] = sd > 1e-12 ? sd : 1;
        }
        return new FeatureScaling(record, columns, mean, std);
    }

    /// <summary><paramref name="value"/> of column <paramref name="column"/>, standardised.</summary>
    public float Standardize(int column, double value) => (float)((value - Mean[column]) / Std[column]);

    /// <summary>The statistics as UTF-8 JSON.</summary>
    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    /// <summary>Reads statistics written by <see cref="ToJson"/> and checks they were fitted for <paramref name="columns"/> of <paramref name="record"/>.</summary>
    /// <param name="json">The saved statistics.</param>
    /// <param name="source">Where they came from (a file path), for messages.</param>
    /// <param name="record">The record type the caller featurizes.</param>
    /// <param name="columns">The numeric features the caller expects, in order.</param>
    /// <exception cref="InvalidDataException">The JSON is malformed, incomplete, or fitted for other columns; the message says which.</exception>
    public static FeatureScaling FromJson(ReadOnlySpan<byte> json, string source, string record, IReadOnlyList<string> columns)
    {
        FeatureScaling? scaling;
        try
        {
            scaling = JsonSerializer.Deserialize<FeatureScaling>(json);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{source}: not valid feature statistics ({ex.Message}).", ex);
        }
        if (scaling is null || scaling.Columns is null || scaling.Mean is null || scaling.Std is null)
            throw new InvalidDataException($"{source}: feature statistics need Record, Columns, Mean and Std.");
        if (!scaling.Columns.SequenceEqual(columns, StringComparer.Ordinal))
            throw new InvalidDataException(
                $"{source}: the statistics were fitted for {scaling.Record} columns [{string.Join(", ", scaling.Columns)}], " +
                $"but {record} has numeric columns [{string.Join(", ", columns)}].");
        if (scaling.Mean.Count != columns.Count || scaling.Std.Count != columns.Count)
            throw new InvalidDataException($"{source}: {columns.Count} columns need {columns.Count} means and standard deviations, found {scaling.Mean.Count} and {scaling.Std.Count}.");
        int bad = Enumerable.Range(0, columns.Count).FirstOrDefault(c => !double.IsFinite(scaling.Mean[c]) || !(scaling.Std[c] > 0), -1);
        if (bad >= 0)
            throw new InvalidDataException($"{source}: column '{columns[bad]}' has mean {scaling.Mean[bad]} and std {scaling.Std[bad]}; expected a finite mean and a positive std.");
        return scaling;
    }
}
