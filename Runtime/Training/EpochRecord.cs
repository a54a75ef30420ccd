namespace ModelDsl.Training;

/// <summary>What one epoch produced: the loss and metrics on training data, the same with <c>val_</c> on validation data, the learning rate and time.</summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="Values">Named values in a stable order: <c>loss</c>, metrics, <c>val_loss</c>, <c>val_</c> metrics.</param>
public sealed record EpochRecord(int Epoch, IReadOnlyList<KeyValuePair<string, double>> Values, double LearningRate, double Seconds)
{
    /// <summary>The value named <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No such value was recorded.</exception>
    public double this[string name] =>
        Values.FirstOrDefault(v => v.Key == name) is { Key: not null } found ? found.Value
        : throw new KeyNotFoundException($"Epoch {Epoch} has no value '{name}'; it has: {string.Join(", ", Values.Select(v => v.Key))}.");

    /// <summary>True when a value named <paramref name="name"/> was recorded.</summary>
    public bool Has(string name) => Values.Any(v => v.Key == name);
}
