namespace ModelDsl.Baselines;

/// <summary>
/// The naive forecast for a direction series: the next period moves the way the last observed period moved
/// (1 = up, 0 = down). A sequence model that cannot beat it has learned nothing about momentum.
/// </summary>
public static class PersistenceBaseline
{
    /// <summary>The prediction for each example: its last observed direction, unchanged.</summary>
    /// <exception cref="ArgumentException">A direction is not 0 or 1.</exception>
    public static int[] Predict(IReadOnlyList<int> lastObservedDirections)
    {
        ArgumentNullException.ThrowIfNull(lastObservedDirections);
        var predictions = new int[lastObservedDirections.Count];
        for (int i = 0; i < predictions.Length; i++)
            predictions[i] = CheckDirection(lastObservedDirections[i], i, nameof(lastObservedDirections));
        return predictions;
    }

    /// <summary>The fraction of examples whose next direction equals their last observed direction.</summary>
    /// <param name="lastObservedDirections">Per example, the direction of the last period the model sees (1 = up, 0 = down).</param>
    /// <param name="nextDirections">Per example, the direction of the period to predict.</param>
    /// <exception cref="ArgumentException">The lists differ in length, are empty, or hold a value other than 0 or 1.</exception>
    public static double Accuracy(IReadOnlyList<int> lastObservedDirections, IReadOnlyList<int> nextDirections)
    {
        ArgumentNullException.ThrowIfNull(nextDirections);
        int[] predictions = Predict(lastObservedDirections);
        if (predictions.Length != nextDirections.Count)
            throw new ArgumentException(
                $"There are {predictions.Length} last directions but {nextDirections.Count} next directions; one of each per example is needed.", nameof(nextDirections));
        if (predictions.Length == 0)
            throw new ArgumentException("Accuracy needs at least one example.", nameof(nextDirections));
        int correct = 0;
        for (int i = 0; i < predictions.Length; i++)
            if (predictions[i] == CheckDirection(nextDirections[i], i, nameof(nextDirections)))
                correct++;
        return correct / (double)predictions.Length;
    }

    private static int CheckDirection(int direction, int index, string name) =>
        direction is 0 or 1 ? direction : throw new ArgumentException($"{name}[{index}] is {direction}; a direction is 1 (up) or 0 (down).", name);
}
