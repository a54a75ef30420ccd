using ModelDsl.Baselines;
using ModelDsl.Models.Data;
using ModelDsl.Tests.Support;
using TorchSharp;

namespace ModelDsl.Tests.Finance;

/// <summary>The baselines printed next to each model's test figure, on hand-made inputs and synthetic tasks with a known answer.</summary>
public sealed class BaselineTests
{
    public BaselineTests() => ModelDsl.Devices.TorchNative.EnsureLoaded();

    [Fact]
    public void Majority_class_is_the_most_frequent_training_label()
    {
        MajorityClassBaseline baseline = MajorityClassBaseline.Fit([0, 1, 1, 2, 1]);

        Assert.Equal(1, baseline.MajorityClass);
        Assert.Equal(0.6, baseline.TrainingShare, 12);
        Assert.Equal(0.75, baseline.Accuracy([1, 0, 1, 1]), 12);
    }

    [Fact]
    public void Majority_class_tie_goes_to_the_smallest_class_and_empty_input_is_rejected()
    {
        Assert.Equal(0, MajorityClassBaseline.Fit([2, 0, 2, 0]).MajorityClass);
        Assert.Throws<ArgumentException>(() => MajorityClassBaseline.Fit([]));
        var error = Assert.Throws<ArgumentException>(() => MajorityClassBaseline.Fit([0, -1]));
        Assert.Contains("label 1 is -1", error.Message);
    }

    [Fact]
    public void Persistence_predicts_the_last_direction_again()
    {
        Assert.Equal([1, 0, 1], PersistenceBaseline.Predict([1, 0, 1]));
        // Hits at positions 0 and 2 only.
        Assert.Equal(0.5, PersistenceBaseline.Accuracy([1, 0, 1, 1], [1, 1, 1, 0]), 12);
    }

    [Fact]
    public void Persistence_rejects_mismatched_lengths_and_non_directions()
    {
        var lengths = Assert.Throws<ArgumentException>(() => PersistenceBaseline.Accuracy([1, 0], [1]));
        Assert.Contains("2 last directions but 1 next", lengths.Message);
        var value = Assert.Throws<ArgumentException>(() => PersistenceBaseline.Accuracy([1, 3], [1, 0]));
        Assert.Contains("[1] is 3", value.Message);
    }

    [Fact]
    public void Logistic_regression_reaches_the_bayes_auc_on_a_linear_task()
    {
        // P(y = 1) = σ(2·x0 − x1); x2 is noise. The true probability ranks the test rows as well as anything can, so its
        // AUC on the same sampled labels is the ceiling; a fitted logistic regression should come within a hair of it.
        (FeatureTable train, int[] trainLabels, _) = LinearTask(4000, seed: 1);
        (FeatureTable test, int[] testLabels, float[] truth) = LinearTask(2000, seed: 2);
        double bayes = ModelDsl.Training.MetricCalculator.RocAuc(truth, testLabels.Select(l => (float)l).ToArray(), 1f);

        TabularBaseline regression = TabularBaseline.FitLogisticRegression(train, trainLabels);

        double auc = regression.RocAuc(test, testLabels);
        Assert.InRange(bayes, 0.8, 0.95);
        Assert.True(auc > bayes - 0.01 && auc <= bayes + 0.005, $"logistic regression AUC {auc}, Bayes AUC {bayes}");
        float[] p = regression.PredictProbabilities(new FeatureTable([[3f, 0f, 0f], [-3f, 0f, 0f]]));
        Assert.True(p[0] > 0.95 && p[1] < 0.05, $"p = {string.Join(", ", p)}");
    }

    [Fact]
    public void Gradient_boosted_trees_learn_an_interaction_that_logistic_regression_cannot()
    {
        // y = 1 where x0 and x1 have the same sign (XOR of the signs): no single column, and no linear mix of them, says anything.
        (FeatureTable train, int[] trainLabels) = XorTask(3000, seed: 3);
        (FeatureTable test, int[] testLabels) = XorTask(1000, seed: 4);

        IReadOnlyList<BaselineScore> scores = TabularBaseline.ScoreByRocAuc(train, trainLabels, test, testLabels);

        Assert.Equal(["logistic regression", "gradient-boosted trees"], scores.Select(s => s.Name));
        Assert.InRange(scores[0].Score, 0.4, 0.6);
        Assert.True(scores[1].Score > 0.95, $"trees AUC {scores[1].Score}");
        Assert.Same(scores[1], BaselineScore.Strongest(scores));
    }

    [Fact]
    public void Tabular_baselines_are_deterministic_and_check_their_inputs()
    {
        (FeatureTable train, int[] labels) = XorTask(400, seed: 5);
        float[] first = TabularBaseline.FitGradientBoostedTrees(train, labels, seed: 7).PredictProbabilities(train);
        float[] second = TabularBaseline.FitGradientBoostedTrees(train, labels, seed: 7).PredictProbabilities(train);
        Assert.Equal(first, second);

        Assert.Contains("Label 2 is 3", Assert.Throws<ArgumentException>(() =>
            TabularBaseline.FitLogisticRegression(new FeatureTable([[0f], [1f], [2f]]), [0, 1, 3])).Message);
        Assert.Contains("needs both classes", Assert.Throws<ArgumentException>(() =>
            TabularBaseline.FitGradientBoostedTrees(new FeatureTable([[0f], [1f]]), [1, 1])).Message);
        Assert.Contains("3 rows but 2 labels", Assert.Throws<ArgumentException>(() =>
            TabularBaseline.FitLogisticRegression(new FeatureTable([[0f], [1f], [2f]]), [0, 1])).Message);
        Assert.Contains("Row 1, income is NaN", Assert.Throws<ArgumentException>(() =>
            new FeatureTable([[0f, 1f], [float.NaN, 1f]], ["income", "age"])).Message);
        Assert.Contains("fitted on 2", Assert.Throws<ArgumentException>(() =>
            TabularBaseline.FitLogisticRegression(train, labels).PredictProbabilities(new FeatureTable([[1f]]))).Message);
    }

    [Fact]
    public void Feature_table_reads_the_rows_of_a_tensor()
    {
        using torch.Tensor x = torch.tensor(new float[] { 1, 2, 3, 4, 5, 6 }, [3, 2]);
        FeatureTable table = FeatureTable.FromTensor(x);
        Assert.Equal(3, table.RowCount);
        Assert.Equal([5f, 6f], table[2]);
        Assert.Equal(["column 0", "column 1"], table.ColumnNames);
    }

    [Fact]
    public void Tf_idf_logistic_regression_finds_the_one_word_that_decides_the_label()
    {
        // Filler words carry nothing; "surged", "slumped" or "held" alone decides the class (2, 0, 1).
        (List<string> train, List<int> trainLabels) = OneWordTask(600, seed: 6);
        (List<string> test, List<int> testLabels) = OneWordTask(300, seed: 7);

        TextBaseline baseline = TextBaseline.Fit(train, trainLabels);

        Assert.True(baseline.Accuracy(test, testLabels) >= 0.99, $"accuracy {baseline.Accuracy(test, testLabels)}");
        Assert.Equal([2, 0, 1], baseline.Predict(["shares of acme surged today", "shares of acme slumped today", "shares of acme held today"]));
        Assert.Contains("needs at least two classes", Assert.Throws<ArgumentException>(() => TextBaseline.Fit(["a", "b"], [1, 1])).Message);
        Assert.Contains("Label 1 is -1", Assert.Throws<ArgumentException>(() => TextBaseline.Fit(["a", "b"], [0, -1])).Message);
    }

    [SkippableFact]
    public void Tf_idf_logistic_regression_is_a_strong_baseline_on_financial_phrasebank()
    {
        string path = Path.Combine(RepositoryPaths.SharedData, "fin-sentiment", "Sentences_AllAgree.csv");
        Skip.IfNot(File.Exists(path), $"{path} is not present");
        (List<string> texts, List<int> labels) = NewsCorpus.Read(path);
        // news-transformer's split: a shuffle with its default seed, the first 70 % to train, the last 15 % to test.
        int[] order = Enumerable.Range(0, texts.Count).ToArray();
        new Random(42).Shuffle(order);
        int trainEnd = (int)(order.Length * 0.7), validationEnd = (int)(order.Length * 0.85);
        int[] train = order[..trainEnd], validation = order[trainEnd..validationEnd], test = order[validationEnd..];

        TextBaseline chosen = TextBaseline.FitChoosingPenalty(train.Select(i => texts[i]).ToList(), train.Select(i => labels[i]).ToList(),
            validation.Select(i => texts[i]).ToList(), validation.Select(i => labels[i]).ToList());

        // Well above the network's 0.81 and the majority class's 0.59 on this split; the issue measured 0.918 with scikit-learn.
        double accuracy = chosen.Accuracy(test.Select(i => texts[i]).ToList(), test.Select(i => labels[i]).ToList());
        Assert.True(accuracy >= 0.88, $"TF-IDF + logistic regression accuracy {accuracy} (penalty {chosen.Penalty})");
        // ML.NET's default strength (1) scores about 0.80 here; validation picks a weaker one.
        Assert.True(chosen.Penalty < 1, $"penalty {chosen.Penalty}");
    }

    [Fact]
    public void The_strongest_baseline_is_the_highest_defined_score()
    {
        BaselineScore nan = new("undefined", double.NaN), low = new("low", 0.6), high = new("high", 0.7);
        Assert.Same(high, BaselineScore.Strongest([low, nan, high]));
        Assert.Same(low, BaselineScore.Strongest([nan, low]));
        Assert.Same(nan, BaselineScore.Strongest([nan]));
        Assert.Throws<ArgumentException>(() => BaselineScore.Strongest([]));
    }

    private static (FeatureTable Rows, int[] Labels, float[] Truth) LinearTask(int count, int seed)
    {
        var random = new Random(seed);
        var rows = new float[count][];
        var labels = new int[count];
        var truth = new float[count];
        for (int i = 0; i < count; i++)
        {
            rows[i] = [Normal(random), Normal(random), Normal(random)];
            truth[i] = 1f / (1f + MathF.Exp(-(2 * rows[i][0] - rows[i][1])));
            labels[i] = random.NextDouble() < truth[i] ? 1 : 0;
        }
        return (new FeatureTable(rows), labels, truth);
    }

    private static (FeatureTable Rows, int[] Labels) XorTask(int count, int seed)
    {
        var random = new Random(seed);
        var rows = new float[count][];
        var labels = new int[count];
        for (int i = 0; i < count; i++)
        {
            rows[i] = [(float)(random.NextDouble() * 2 - 1), (float)(random.NextDouble() * 2 - 1)];
            labels[i] = rows[i][0] * rows[i][1] > 0 ? 1 : 0;
        }
        return (new FeatureTable(rows), labels);
    }

    private static (List<string> Texts, List<int> Labels) OneWordTask(int count, int seed)
    {
        string[] filler = ["shares", "of", "acme", "today", "the", "company", "said", "in", "helsinki", "trading", "stock", "market"];
        string[] deciders = ["slumped", "held", "surged"];
        var random = new Random(seed);
        var texts = new List<string>();
        var labels = new List<int>();
        for (int i = 0; i < count; i++)
        {
            var words = Enumerable.Range(0, 6).Select(_ => filler[random.Next(filler.Length)]).ToList();
            int label = random.Next(3);
            words.Insert(random.Next(words.Count + 1), deciders[label]);
            texts.Add(string.Join(' ', words));
            labels.Add(label);
        }
        return (texts, labels);
    }

    /// <summary>A standard normal draw (Box–Muller).</summary>
    private static float Normal(Random random) =>
        (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));
}
