namespace ModelDsl.Baselines;

/// <summary>
/// One reference model's figure on a model's test split, in the model's headline metric (ROC AUC for a binary
/// classifier, accuracy for a multi-class one): what the network is compared with.
/// </summary>
/// <param name="Name">What the reference is, e.g. <c>gradient-boosted trees</c>.</param>
/// <param name="Score">Its figure on the test split; higher is better. NaN when undefined (e.g. ROC AUC of one class).</param>
public sealed record BaselineScore(string Name, double Score)
{
    /// <summary>
    /// The highest-scoring baseline: the figure a network has to beat. A NaN score never wins; when every score is NaN
    /// the first baseline is returned, so the caller still has a name to print next to the NaN.
    /// </summary>
    /// <exception cref="ArgumentException">There are no baselines.</exception>
    public static BaselineScore Strongest(IReadOnlyList<BaselineScore> baselines)
    {
        ArgumentNullException.ThrowIfNull(baselines);
        if (baselines.Count == 0)
            throw new ArgumentException("There is no baseline to choose the strongest of.", nameof(baselines));
        BaselineScore best = baselines[0];
        foreach (BaselineScore candidate in baselines)
            if (candidate.Score > best.Score || double.IsNaN(best.Score) && !double.IsNaN(candidate.Score))
                best = candidate;
        return best;
    }
}
