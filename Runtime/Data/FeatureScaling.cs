using System.Globalization;
using System.Text.Json;

namespace ModelDsl.Data;

/// <summary>
/// Scaling statistics of a record's numeric features, fitted on training data: each value becomes
/// <c>(value − mean) ÷ std</c>; for a column fitted with quantiles (<see cref="FeatureScale.Quantile"/>) its rank among
/// the training values mapped to zero mean and unit variance; for a robust column (<see cref="FeatureScale.Robust"/>)
/// <c>(value − median) ÷ interquartile range</c>. Saved with checkpoints so prediction scales inputs exactly as training did.
/// </summary>
/// <param name="Record">The record type the statistics were fitted for (shown in errors).</param>
/// <param name="Columns">The numeric features, in featurizer order.</param>
/// <param name="Mean">Mean of each column over the training rows.</param>
/// <param name="Std">Population standard deviation of each column (a constant column gets 1, so it scales to 0).</param>
public sealed record FeatureScaling(string Record, IReadOnlyList<string> Columns, IReadOnlyList<double> Mean, IReadOnlyList<double> Std)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    /// <summary>How many quantiles a quantile column keeps (every percentile, both ends included).</summary>
    public const int QuantileCount = 101;

    /// <summary>
    /// Per column, the <see cref="QuantileCount"/> fitted quantiles of a quantile-scaled column, empty for a standardised
    /// one; null when every column is standardised (statistics saved before quantile scaling existed read so).
    /// </summary>
    public IReadOnlyList<IReadOnlyList<double>>? Quantiles { get; init; }

    /// <summary>
    /// Per column, the median and interquartile range of a robust column, null for the others; null when no column is
    /// robust (statistics saved before robust scaling existed read so).
    /// </summary>
    public IReadOnlyList<RobustScale?>? Robust { get; init; }

    /// <summary>Fits mean and standard deviation of every column over <paramref name="rows"/> rows.</summary>
    /// <param name="record">The record type's name, for messages.</param>
    /// <param name="columns">The numeric features.</param>
    /// <param name="rows">Number of training rows.</param>
    /// <param name="value">The raw value of column <c>c</c> in row <c>r</c>, called as <c>value(r, c)</c>.</param>
    /// <param name="quantileColumns">The columns scaled by quantiles instead; none when null.</param>
    /// <param name="robustColumns">The columns scaled by median and interquartile range instead; none when null.</param>
    /// <exception cref="ArgumentException">There are no rows, a value is NaN or infinite (names the row and the field), or a
    /// column is both a quantile and a robust one.</exception>
    public static FeatureScaling Fit(string record, IReadOnlyList<string> columns, int rows, Func<int, int, double> value,
        IReadOnlyCollection<string>? quantileColumns = null, IReadOnlyCollection<string>? robustColumns = null)
    {
        if (columns.FirstOrDefault(c => quantileColumns?.Contains(c) == true && robustColumns?.Contains(c) == true) is { } both)
            throw new ArgumentException($"Column '{both}' of {record} cannot be scaled both by quantiles and robustly.", nameof(robustColumns));
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
        IReadOnlyList<double>[]? quantiles = null;
        if (quantileColumns is { Count: > 0 })
        {
            quantiles = new IReadOnlyList<double>[columns.Count];
            for (int c = 0; c < columns.Count; c++)
                quantiles[c] = quantileColumns.Contains(columns[c]) ? FitQuantiles(Sorted(rows, r => value(r, c))) : [];
        }
        RobustScale?[]? robust = null;
        if (robustColumns is { Count: > 0 })
        {
            robust = new RobustScale?[columns.Count];
            for (int c = 0; c < columns.Count; c++)
                robust[c] = robustColumns.Contains(columns[c]) ? FitRobust(Sorted(rows, r => value(r, c))) : null;
        }
        return new FeatureScaling(record, columns, mean, std) { Quantiles = quantiles, Robust = robust };
    }

    private static double[] Sorted(int rows, Func<int, double> value)
    {
        var sorted = new double[rows];
        for (int r = 0; r < rows; r++)
            sorted[r] = value(r);
        Array.Sort(sorted);
        return sorted;
    }

    /// <summary>The quantiles 0, 1/100 … 1 of one column.</summary>
    private static double[] FitQuantiles(double[] sorted)
    {
        var points = new double[QuantileCount];
        for (int q = 0; q < QuantileCount; q++)
            points[q] = Quantile(sorted, (double)q / (QuantileCount - 1));
        return points;
    }

    /// <summary>The median and interquartile range of one column (an interquartile range of 0 becomes 1).</summary>
    private static RobustScale FitRobust(double[] sorted)
    {
        double range = Quantile(sorted, 0.75) - Quantile(sorted, 0.25);
        return new RobustScale(Quantile(sorted, 0.5), range > 1e-12 ? range : 1);
    }

    /// <summary>The <paramref name="p"/> quantile of sorted values, interpolated linearly between order statistics (NumPy's default).</summary>
    private static double Quantile(double[] sorted, double p)
    {
        double position = p * (sorted.Length - 1);
        int below = (int)Math.Floor(position);
        int above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }

    /// <summary><paramref name="value"/> of column <paramref name="column"/>, scaled as the column was fitted.</summary>
    public float Standardize(int column, double value) =>
        Quantiles is { } quantiles && quantiles[column].Count > 0
            ? (float)((Rank(quantiles[column], value) - 0.5) * Math.Sqrt(12))
            : Robust?[column] is { } robust
                ? (float)((value - robust.Median) / robust.InterquartileRange)
                : (float)((value - Mean[column]) / Std[column]);

    /// <summary>
    /// Where <paramref name="value"/> falls among the quantiles, from 0 to 1: interpolated between neighbours, the middle of
    /// a run of equal quantiles (a column that is 0 in 40 % of rows puts 0 at 0.2, not at 0 or 0.4), clamped at the ends.
    /// </summary>
    private static double Rank(IReadOnlyList<double> quantiles, double value)
    {
        int last = quantiles.Count - 1;
        if (value <= quantiles[0])
            return value < quantiles[0] ? 0 : Middle(quantiles, 0, value) / last;
        if (value >= quantiles[last])
            return value > quantiles[last] ? 1 : Middle(quantiles, last, value) / last;
        int above = 1;
        while (quantiles[above] < value)
            above++;
        if (quantiles[above] == value)
            return Middle(quantiles, above, value) / last;
        double below = quantiles[above - 1];
        return (above - 1 + (value - below) / (quantiles[above] - below)) / last;
    }

    /// <summary>The middle index of the run of quantiles equal to <paramref name="value"/> that contains <paramref name="at"/>.</summary>
    private static double Middle(IReadOnlyList<double> quantiles, int at, double value)
    {
        int first = at, end = at;
        while (first > 0 && quantiles[first - 1] == value)
            first--;
        while (end < quantiles.Count - 1 && quantiles[end + 1] == value)
            end++;
        return (first + end) / 2.0;
    }

    /// <summary>The statistics as UTF-8 JSON.</summary>
    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    /// <summary>Reads statistics written by <see cref="ToJson"/> and checks they were fitted for <paramref name="columns"/> of <paramref name="record"/>.</summary>
    /// <param name="json">The saved statistics.</param>
    /// <param name="source">Where they came from (a file path), for messages.</param>
    /// <param name="record">The record type the caller featurizes.</param>
    /// <param name="columns">The numeric features the caller expects, in order.</param>
    /// <param name="quantileColumns">The columns the caller scales by quantiles; none when null.</param>
    /// <param name="robustColumns">The columns the caller scales by median and interquartile range; none when null.</param>
    /// <exception cref="InvalidDataException">The JSON is malformed, incomplete, or fitted for other columns or another scaling; the message says which.</exception>
    public static FeatureScaling FromJson(ReadOnlySpan<byte> json, string source, string record, IReadOnlyList<string> columns,
        IReadOnlyCollection<string>? quantileColumns = null, IReadOnlyCollection<string>? robustColumns = null)
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
        if (scaling.Quantiles is { } quantiles && quantiles.Count != columns.Count)
            throw new InvalidDataException($"{source}: {columns.Count} columns need {columns.Count} quantile lists, found {quantiles.Count}.");
        for (int c = 0; c < columns.Count; c++)
        {
            IReadOnlyList<double> fitted = scaling.Quantiles?[c] ?? [];
            bool expected = quantileColumns?.Contains(columns[c]) == true;
            if (fitted.Count > 0 != expected)
                throw new InvalidDataException(expected
                    ? $"{source}: column '{columns[c]}' is scaled by quantiles ([Scale(FeatureScale.Quantile)]) but the statistics were fitted with standardisation."
                    : $"{source}: column '{columns[c]}' is standardised but the statistics were fitted with quantiles.");
            if (expected && (fitted.Count != QuantileCount || fitted.Any(v => !double.IsFinite(v)) || fitted.Zip(fitted.Skip(1)).Any(p => p.Second < p.First)))
                throw new InvalidDataException($"{source}: column '{columns[c]}' needs {QuantileCount} finite quantiles in ascending order.");
        }
        if (scaling.Robust is { } robust && robust.Count != columns.Count)
            throw new InvalidDataException($"{source}: {columns.Count} columns need {columns.Count} robust scales (null for the others), found {robust.Count}.");
        for (int c = 0; c < columns.Count; c++)
        {
            RobustScale? fitted = scaling.Robust?[c];
            bool expected = robustColumns?.Contains(columns[c]) == true;
            if (fitted is not null != expected)
                throw new InvalidDataException(expected
                    ? $"{source}: column '{columns[c]}' is scaled robustly ([Scale(FeatureScale.Robust)]) but the statistics were fitted without a median and interquartile range."
                    : $"{source}: column '{columns[c]}' is not scaled robustly but the statistics hold a median and interquartile range for it.");
            if (fitted is not null && (!double.IsFinite(fitted.Median) || !(fitted.InterquartileRange > 0) || !double.IsFinite(fitted.InterquartileRange)))
                throw new InvalidDataException($"{source}: column '{columns[c]}' has median {fitted.Median} and interquartile range {fitted.InterquartileRange}; expected a finite median and a positive, finite range.");
        }
        return scaling;
    }
}
