using ModelDsl.Explain;
using ModelDsl.Models.Data;
using ModelDsl.Models.Declarations;
using ModelDsl.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace ModelDsl.Tests.Explain;

/// <summary>Permutation importance, including the issue-7 acceptance point on the synthetic applicants.</summary>
public sealed class PermutationImportanceTests
{
    public PermutationImportanceTests() => ModelDsl.Devices.TorchNative.EnsureLoaded();

    private static double Auc(float[] predictions, float[] targets) => MetricCalculator.RocAuc(predictions, targets, 1f);

    [Fact]
    public void On_synthetic_applicants_every_rule_feature_outranks_every_ignored_feature()
    {
        var (applicants, defaulted) = ApplicantGenerator.Generate(5000, seed: 42);
        CreditMlpFeaturizer featurizer = CreditMlpFeaturizer.Fit(applicants[..3500]);
        List<float> labels = defaulted.ConvertAll(d => (float)d);
        using var train = featurizer.ToDataset(applicants[..3500], labels[..3500]);
        using var heldOut = featurizer.ToDataset(applicants[3500..], labels[3500..]);

        torch.manual_seed(1);
        using var network = nn.Sequential(nn.Linear(CreditMlpFeaturizer.InputWidth, 32), nn.ReLU(), nn.Linear(32, 1));
        using var optimizer = optim.Adam(network.parameters(), 0.01);
        for (int step = 0; step < 300; step++)
        {
            using var scope = torch.NewDisposeScope();
            optimizer.zero_grad();
            nn.functional.binary_cross_entropy_with_logits(network.call(train.Features).reshape(-1), train.Labels).backward();
            optimizer.step();
        }
        network.eval();

        float[] targets = heldOut.Labels.data<float>().ToArray();
        IReadOnlyList<FeatureImportance> ranking;
        using (torch.no_grad())
            ranking = PermutationImportance.Compute(batch => torch.sigmoid(network.call(batch)), heldOut.Features, targets, Auc,
                CreditMlpFeaturizer.PropertyGroups.Select(g => g.Name).ToList(), CreditMlpFeaturizer.PropertyGroups, repeats: 3, seed: 7);

        double weakestRule = ranking.Where(r => ApplicantGenerator.RuleFeatures.Contains(r.Feature)).Min(r => r.Importance);
        double strongestIgnored = ranking.Where(r => ApplicantGenerator.IgnoredFeatures.Contains(r.Feature)).Max(r => r.Importance);
        string table = string.Join("\n", ranking.Select(r => $"{r.Feature} {r.Importance:F4} ± {r.StandardDeviation:F4}"));
        Assert.True(weakestRule > strongestIgnored, table);
        Assert.Equal(CreditMlpFeaturizer.PropertyGroups.Count, ranking.Count);
        Assert.Equal(ApplicantGenerator.RuleFeatures.Order(), ranking.Take(5).Select(r => r.Feature).Order());
    }

    [Fact]
    public void Shuffling_a_feature_the_model_ignores_costs_nothing_and_one_it_uses_costs_a_lot()
    {
        // Model: the score is column 0; column 1 is never read. Score: accuracy of sign(x0) against the labels.
        using Tensor features = torch.tensor(Enumerable.Range(0, 200).SelectMany(i => new float[] { i % 2 == 0 ? 1 : -1, i }).ToArray(), [200, 2]);
        float[] labels = Enumerable.Range(0, 200).Select(i => i % 2 == 0 ? 1f : 0f).ToArray();
        static double Accuracy(float[] p, float[] t) => p.Zip(t).Count(z => (z.First > 0 ? 1f : 0f) == z.Second) / (double)t.Length;

        var ranking = PermutationImportance.Compute(batch => batch.select(1, 0).clone(), features, labels, Accuracy, ["used", "ignored"], repeats: 5, seed: 3);

        Assert.Equal("used", ranking[0].Feature);
        Assert.InRange(ranking[0].Importance, 0.35, 0.65);   // a random permutation gets about half right
        Assert.Equal(0.0, ranking[1].Importance);
        Assert.Equal(0.0, ranking[1].StandardDeviation);
    }

    [Fact]
    public void One_hot_columns_of_a_group_move_together_and_results_repeat_with_the_seed()
    {
        // Columns 1..3 one-hot; the predictor records whether every row it sees is still a valid one-hot row.
        var rows = Enumerable.Range(0, 60).SelectMany(i => new float[] { i, i % 3 == 0 ? 1 : 0, i % 3 == 1 ? 1 : 0, i % 3 == 2 ? 1 : 0 }).ToArray();
        using Tensor features = torch.tensor(rows, [60, 4]);
        float[] targets = Enumerable.Range(0, 60).Select(i => (float)(i % 3)).ToArray();
        bool allOneHot = true;
        float[] Predict(Tensor batch)
        {
            using var scope = torch.NewDisposeScope();
            allOneHot &= batch.narrow(1, 1, 3).sum(1).eq(1).all().item<bool>();
            return batch.narrow(1, 1, 3).argmax(1).to(torch.float32).data<float>().ToArray();
        }
        static double Accuracy(float[] p, float[] t) => p.Zip(t).Count(z => z.First == z.Second) / (double)t.Length;
        FeatureGroup[] groups = [new("index", [0]), new("kind", [1, 2, 3])];

        var first = PermutationImportance.Compute(Predict, features, targets, Accuracy, groups, repeats: 4, seed: 11);
        var again = PermutationImportance.Compute(Predict, features, targets, Accuracy, groups, repeats: 4, seed: 11);

        Assert.True(allOneHot, "a group must be permuted with one permutation for all its columns");
        Assert.Equal("kind", first[0].Feature);
        Assert.True(first[0].Importance > 0.4);
        Assert.Equal(first, again);
    }

    [Fact]
    public void A_score_undefined_on_the_data_is_an_error_not_a_table_of_nans()
    {
        using Tensor features = torch.rand(6, 3);
        float[] oneClass = new float[6];

        var error = Assert.Throws<InvalidDataException>(() =>
            PermutationImportance.Compute(_ => [0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f], features, oneClass, Auc, [new FeatureGroup("a", [0])]));
        Assert.Contains("undefined (NaN) on these 6 examples", error.Message);
        Assert.Contains("both classes", error.Message);
    }

    [Fact]
    public void A_group_outside_the_inputs_and_mismatched_targets_are_named()
    {
        using Tensor features = torch.zeros(10, 3);
        float[] targets = new float[10];
        static double Score(float[] p, float[] t) => 0;

        var column = Assert.Throws<ArgumentException>(() =>
            PermutationImportance.Compute(_ => new float[10], features, targets, Score, [new FeatureGroup("late", [5])]));
        Assert.Contains("'late' names column 5", column.Message);
        var count = Assert.Throws<ArgumentException>(() =>
            PermutationImportance.Compute(_ => new float[10], features, new float[4], Score, [new FeatureGroup("a", [0])]));
        Assert.Contains("10 examples but 4 targets", count.Message);
        var names = Assert.Throws<ArgumentException>(() =>
            PermutationImportance.Compute(b => b, features, targets, Score, ["a", "b"]));
        Assert.Contains("2 feature names but the inputs have 3 columns", names.Message);
    }
}
