using TorchSharp;

namespace ModelDsl.Explain;

/// <summary>
/// Permutation feature importance (Breiman): shuffle one feature group across examples, keep everything else, and measure
/// how much the score falls. Works for tabular inputs [N, F] and sequences [N, T, F] (a feature is shuffled as a whole series).
/// </summary>
public static class PermutationImportance
{
    /// <summary>Ranks <paramref name="groups"/> by the score drop their shuffling causes, largest first.</summary>
    /// <param name="predict">Maps a batch of inputs to predictions (probabilities or values) on the host.</param>
    /// <param name="score">Score of predictions against targets; higher is better (e.g. accuracy or ROC AUC).</param>
    public static IReadOnlyList<FeatureImportance> Compute(Func<torch.Tensor, float[]> predict, torch.Tensor features, float[] targets,
        Func<float[], float[], double> score, IReadOnlyList<FeatureGroup> groups, int repeats = 3, int seed = 0)
    {
        double baseline = score(predict(features), targets);
        long rows = features.shape[0];
        long lastAxis = features.shape.Length - 1;
        var results = new List<FeatureImportance>();
        foreach (FeatureGroup group in groups)
        {
            var drops = new double[repeats];
            for (int r = 0; r < repeats; r++)
            {
                using var scope = torch.NewDisposeScope();
                using var generator = new torch.Generator((ulong)(seed * 7919 + r * 104729 + 1), torch.CPU);
                torch.Tensor order = torch.randperm(rows, generator: generator).to(features.device);
                torch.Tensor shuffled = features.clone();
                foreach (long column in group.Columns)
                {
                    torch.Tensor original = features.select(lastAxis, column);
                    shuffled.select(lastAxis, column).copy_(original.index_select(0, order));
                }
                drops[r] = baseline - score(predict(shuffled), targets);
            }
            double mean = drops.Average();
            results.Add(new FeatureImportance(group.Name, mean, Math.Sqrt(drops.Average(d => (d - mean) * (d - mean)))));
        }
        return results.OrderByDescending(r => r.Importance).ToList();
    }
}
