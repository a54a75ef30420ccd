namespace ModelDsl.Baselines;

/// <summary>
/// Predicts the most frequent training class for every example: the accuracy any classifier must beat before it has
/// learned anything beyond the class balance.
/// </summary>
public sealed class MajorityClassBaseline
{
    private MajorityClassBaseline(int majorityClass, double trainingShare)
    {
        MajorityClass = majorityClass;
        TrainingShare = trainingShare;
    }

    /// <summary>The class predicted for every example.</summary>
    public int MajorityClass { get; }

    /// <summary>The fraction of training labels that are <see cref="MajorityClass"/>.</summary>
    public double TrainingShare { get; }

    /// <summary>Finds the most frequent class in <paramref name="trainingLabels"/>; a tie goes to the smallest class index.</summary>
    /// <exception cref="ArgumentException">There are no labels, or a label is negative.</exception>
    public static MajorityClassBaseline Fit(IReadOnlyList<int> trainingLabels)
    {
        ArgumentNullException.ThrowIfNull(trainingLabels);
        if (trainingLabels.Count == 0)
            throw new ArgumentException("The majority-class baseline needs at least one training label.", nameof(trainingLabels));
        var counts = new SortedDictionary<int, int>();
        for (int i = 0; i < trainingLabels.Count; i++)
        {
            int label = trainingLabels[i];
            if (label < 0)
                throw new ArgumentException($"Training label {i} is {label}; class labels must be 0 or greater.", nameof(trainingLabels));
            counts[label] = counts.GetValueOrDefault(label) + 1;
        }
        // SortedDictionary enumerates in class order, so the first maximum is the smallest class among ties.
        KeyValuePair<int, int> best = counts.First();
        foreach (KeyValuePair<int, int> entry in counts)
            if (entry.Value > best.Value)
                best = entry;
        return new MajorityClassBaseline(best.Key, best.Value / (double)trainingLabels.Count);
    }

    /// <summary>The fraction of <paramref name="labels"/> equal to <see cref="MajorityClass"/>.</summary>
    /// <exception cref="ArgumentException">There are no labels.</exception>
    public double Accuracy(IReadOnlyList<int> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Count == 0)
            throw new ArgumentException("Accuracy needs at least one label.", nameof(labels));
        return labels.Count(l => l == MajorityClass) / (double)labels.Count;
    }
}
