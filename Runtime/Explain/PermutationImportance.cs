using ModelDsl.Data;
using TorchSharp;

namespace ModelDsl.Explain;

/// <summary>
/// Permutation feature importance (Breiman): shuffle one feature group across examples, keep everything else, and measure
/// how much the score falls. Works for tabular inputs [N, F] and sequences [N, T, F] (a feature is shuffled as a whole
/// series). Shuffles come from a seeded generator, so the same seed gives the same ranking.
/// </summary>
public static class PermutationImportance
{
    /// <summary>Ranks <paramref name="groups"/> by the score drop their shuffling causes, largest first.</summary>
    /// <param name="predict">Maps a batch of inputs to predictions (probabilities or values) on the host, one per example (or one row per example, flattened).</param>
    /// <param name="features">Held-out inputs, examples along the first axis, features along the last.</param>
    /// <param name="targets">The true value per example, in the form <paramref name="score"/> expects.</param>
    /// <param name="score">Score of predictions against targets; higher is better (e.g. accuracy or ROC AUC).</param>
    /// <param name="groups">Feature groups: columns of the last axis permuted together (e.g. the one-hot columns of one enum).</param>
    /// <param name="repeats">Shuffles per group; the importance is their mean drop, with its standard deviation.</param>
    /// <param name="seed">Seed of the shuffles.</param>
    /// <exception cref="ArgumentException">A group is empty or names a column outside the last axis, the targets do not match the examples, or <paramref name="repeats"/> is below 1.</exception>
    /// <exception cref="InvalidDataException">The score of the unshuffled data is NaN (e.g. ROC AUC of a single class).</exception>
    public static IReadOnlyList<FeatureImportance> Compute(Func<torch.Tensor, float[]> predict, torch.Tensor features, float[] targets,
        Func<float[], float[], double> score, IReadOnlyList<FeatureGroup> groups, int repeats = 3, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(predict);
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(score);
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentOutOfRangeException.ThrowIfLessThan(repeats, 1);
        if (features.dim() < 2)
            throw new ArgumentException($"Features have shape [{string.Join(", ", features.shape)}]; expected [examples, …, features].", nameof(features));
        // The one-tensor form is the one-input case of the named-input form; the alias keeps the caller's tensor its own.
        using ModelInputs inputs = ModelInputs.Single(features.alias());
        return Compute(batch => predict(batch[0]), inputs, targets, score, groups, repeats, seed);
    }

    /// <summary>
    /// Ranks <paramref name="groups"/> of a model of named inputs by the score drop their shuffling causes, largest first:
    /// a group shuffles some columns of one input (a record's property) or a whole input (a text's token ids), and leaves
    /// every other input as it is.
    /// </summary>
    /// <param name="predict">Maps a batch of inputs to predictions on the host, one per example (or one row per example, flattened).</param>
    /// <param name="inputs">Held-out inputs, examples along the first axis of each.</param>
    /// <param name="targets">The true value per example, in the form <paramref name="score"/> expects.</param>
    /// <param name="score">Score of predictions against targets; higher is better (e.g. accuracy or ROC AUC).</param>
    /// <param name="groups">What to shuffle: see <see cref="FeatureGroup"/>; <see cref="FeatureGroup.OnePerInput"/> gives one group per input.</param>
    /// <param name="repeats">Shuffles per group; the importance is their mean drop, with its standard deviation.</param>
    /// <param name="seed">Seed of the shuffles.</param>
    /// <exception cref="ArgumentException">A group names no input of several, an unknown input or a column outside its input's last axis, or has no columns; the targets do not match the examples; <paramref name="repeats"/> is below 1.</exception>
    /// <exception cref="InvalidDataException">The score of the unshuffled data is NaN (e.g. ROC AUC of a single class).</exception>
    public static IReadOnlyList<FeatureImportance> Compute(Func<ModelInputs, float[]> predict, ModelInputs inputs, float[] targets,
        Func<float[], float[], double> score, IReadOnlyList<FeatureGroup> groups, int repeats = 3, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(predict);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(score);
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentOutOfRangeException.ThrowIfLessThan(repeats, 1);
        long rows = inputs.Rows;
        if (targets.Length != rows)
            throw new ArgumentException($"There are {rows} examples but {targets.Length} targets.", nameof(targets));
        int[] inputOf = groups.Select(group => InputOf(group, inputs)).ToArray();

        double baseline = score(predict(inputs), targets);
        if (double.IsNaN(baseline))
            // Every drop would be NaN too: say why instead of ranking nothing.
            throw new InvalidDataException(
                $"The score of the unshuffled data is undefined (NaN) on these {rows} examples, so no feature can be ranked; " +
                "ROC AUC, for instance, needs examples of both classes.");
        var results = new List<FeatureImportance>();
        for (int g = 0; g < groups.Count; g++)
        {
            FeatureGroup group = groups[g];
            torch.Tensor features = inputs[inputOf[g]];
            long lastAxis = features.shape.Length - 1;
            var drops = new double[repeats];
            for (int r = 0; r < repeats; r++)
            {
                using var scope = torch.NewDisposeScope();
                using var generator = new torch.Generator((ulong)(seed * 7919L + r * 104729L + 1), torch.CPU);
                torch.Tensor order = torch.randperm(rows, generator: generator).to(features.device);
                torch.Tensor shuffled;
                if (group.IsWholeInput)
                    shuffled = features.index_select(0, order);
                else
                {
                    shuffled = features.clone();
                    // One permutation for the whole group: one-hot columns of an enum stay a valid one-hot row.
                    foreach (long column in group.Columns)
                    {
                        torch.Tensor original = features.select(lastAxis, column);
                        shuffled.select(lastAxis, column).copy_(original.index_select(0, order));
                    }
                }
                drops[r] = baseline - score(predict(inputs.With(inputs.Names[inputOf[g]], shuffled)), targets);
            }
            double mean = drops.Average();
            results.Add(new FeatureImportance(group.Name, mean, Math.Sqrt(drops.Average(d => (d - mean) * (d - mean)))));
        }
        return results.OrderByDescending(r => r.Importance).ToList();
    }

    /// <summary>
    /// As <see cref="Compute(Func{ModelInputs, float[]}, ModelInputs, float[], Func{float[], float[], double}, IReadOnlyList{FeatureGroup}, int, int)"/>
    /// for a model predictor that returns a tensor (a trainer's <c>Predict</c>; moved to the host and flattened here),
    /// with one group per input unless <paramref name="groups"/> is given.
    /// </summary>
    /// <param name="predict">The model: a batch of named inputs to a tensor of predictions.</param>
    /// <param name="inputs">Held-out inputs, examples along the first axis of each.</param>
    /// <param name="targets">The true value per example.</param>
    /// <param name="score">Score of flattened predictions against targets; higher is better.</param>
    /// <param name="groups">What to shuffle; null: each input as a whole (<see cref="FeatureGroup.OnePerInput"/>).</param>
    /// <param name="repeats">Shuffles per group.</param>
    /// <param name="seed">Seed of the shuffles.</param>
    /// <exception cref="ArgumentException">As the other overload.</exception>
    public static IReadOnlyList<FeatureImportance> Compute(Func<ModelInputs, torch.Tensor> predict, ModelInputs inputs, float[] targets,
        Func<float[], float[], double> score, IReadOnlyList<FeatureGroup>? groups = null, int repeats = 3, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(predict);
        ArgumentNullException.ThrowIfNull(inputs);
        return Compute(batch => HostPredictions(predict(batch)), inputs, targets, score, groups ?? FeatureGroup.OnePerInput(inputs.Names), repeats, seed);
    }

    /// <summary>The position in <paramref name="inputs"/> of the input <paramref name="group"/> shuffles, after checking its columns.</summary>
    private static int InputOf(FeatureGroup group, ModelInputs inputs)
    {
        if (group.Input is null && inputs.Count > 1)
            throw new ArgumentException(
                $"Feature group '{group.Name}' names no input, but there are {inputs.Count} ({ModelInputs.Describe(inputs.Names)}); set its Input.", "groups");
        if (group.Input is not null && !inputs.Contains(group.Input))
            throw new ArgumentException(
                $"Feature group '{group.Name}' names input '{group.Input}'; the inputs are {ModelInputs.Describe(inputs.Names)}.", "groups");
        int index = group.Input is null ? 0 : inputs.IndexOf(group.Input);
        if (group.IsWholeInput)
            return index;
        torch.Tensor features = inputs[index];
        string where = group.Input is null ? "the inputs have" : $"input '{group.Input}' has";
        if (features.dim() < 2)
            throw new ArgumentException(
                $"Feature group '{group.Name}' names columns, but {where} shape [{string.Join(", ", features.shape)}]; expected [examples, …, features].", "groups");
        if (group.Columns.Count == 0)
            throw new ArgumentException($"Feature group '{group.Name}' has no columns.", "groups");
        long width = features.shape[^1];
        foreach (long column in group.Columns)
            if (column < 0 || column >= width)
                throw new ArgumentException($"Feature group '{group.Name}' names column {column}; {where} columns 0 to {width - 1}.", "groups");
        return index;
    }

    private static float[] HostPredictions(torch.Tensor predictions)
    {
        using var scope = torch.NewDisposeScope();
        return predictions.detach().cpu().to(torch.float32).reshape(-1).data<float>().ToArray();
    }

    /// <summary>
    /// As <see cref="Compute(Func{torch.Tensor, float[]}, torch.Tensor, float[], Func{float[], float[], double}, IReadOnlyList{FeatureGroup}, int, int)"/>
    /// for a model predictor that returns a tensor (moved to the host and flattened here), with one feature per name
    /// unless <paramref name="groups"/> is given.
    /// </summary>
    /// <param name="predict">The model: a batch of inputs to a tensor of predictions.</param>
    /// <param name="features">Held-out inputs, examples along the first axis, features along the last.</param>
    /// <param name="targets">The true value per example.</param>
    /// <param name="score">Score of flattened predictions against targets; higher is better.</param>
    /// <param name="featureNames">One name per column of the last axis; used when <paramref name="groups"/> is null.</param>
    /// <param name="groups">Optional groups of columns permuted together; overrides the one-column-per-name default.</param>
    /// <param name="repeats">Shuffles per group.</param>
    /// <param name="seed">Seed of the shuffles.</param>
    /// <exception cref="ArgumentException">The names do not match the last axis, or as the other overload.</exception>
    public static IReadOnlyList<FeatureImportance> Compute(Func<torch.Tensor, torch.Tensor> predict, torch.Tensor features, float[] targets,
        Func<float[], float[], double> score, IReadOnlyList<string> featureNames, IReadOnlyList<FeatureGroup>? groups = null, int repeats = 3, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(predict);
        ArgumentNullException.ThrowIfNull(featureNames);
        if (groups is null && featureNames.Count != features.shape[^1])
            throw new ArgumentException($"There are {featureNames.Count} feature names but the inputs have {features.shape[^1]} columns.", nameof(featureNames));
        groups ??= FeatureGroup.OnePerColumn(featureNames);
        return Compute(batch => HostPredictions(predict(batch)), features, targets, score, groups, repeats, seed);
    }
}
