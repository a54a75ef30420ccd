namespace ModelDsl.Training;

/// <summary>Which recorded value a monitoring callback watches.</summary>
internal static class MonitoredValue
{
    /// <summary><paramref name="requested"/> when the run records it; the run's monitor when null.</summary>
    /// <exception cref="ArgumentException">The run never records <paramref name="requested"/>.</exception>
    public static string Resolve(string? requested, TrainingContext context)
    {
        if (requested is null)
            return context.Monitor;
        if (!context.RecordedValues.Contains(requested))
            throw new ArgumentException(
                $"Monitor '{requested}' is not recorded in this run; it records: {string.Join(", ", context.RecordedValues)}.", nameof(requested));
        return requested;
    }
}
