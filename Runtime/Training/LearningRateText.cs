using System.Globalization;

namespace ModelDsl.Training;

/// <summary>
/// How learning rates are printed everywhere (epoch lines, errors, summaries): three significant digits as Python's
/// <c>%.3g</c> gives them, the form Keras and Lightning users read — <c>0.001</c>, <c>0.0003</c>, <c>4.89e-05</c> —
/// instead of .NET's <c>4.89E-05</c>. Invariant culture, so logs parse the same on every machine.
/// </summary>
public static class LearningRateText
{
    /// <summary>
    /// <paramref name="value"/> with three significant digits: fixed-point when its exponent is between −4 and 2,
    /// otherwise scientific with a lower-case <c>e</c> and a two-digit exponent; trailing zeros dropped.
    /// </summary>
    public static string Format(double value)
    {
        if (!double.IsFinite(value) || value == 0)
            return value.ToString(CultureInfo.InvariantCulture);
        // Rounded to three significant digits first, so 9.999e-5 is judged by the exponent it prints with (1e-04).
        string scientific = value.ToString("E2", CultureInfo.InvariantCulture);
        int exponent = int.Parse(scientific[(scientific.IndexOf('E') + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        double rounded = double.Parse(scientific, NumberStyles.Float, CultureInfo.InvariantCulture);
        return exponent is >= -4 and < 3
            ? rounded.ToString("0.######", CultureInfo.InvariantCulture)
            : rounded.ToString("0.##e+00", CultureInfo.InvariantCulture);
    }
}
