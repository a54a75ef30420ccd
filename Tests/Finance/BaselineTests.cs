using ModelDsl.Baselines;
using TorchSharp;

namespace ModelDsl.Tests.Finance;

/// <summary>The trivial baselines printed next to each model's test figure, on hand-made inputs.</summary>
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
    public void Logistic_regression_separates_a_separable_problem_with_the_right_sign()
    {
        // One informative column (positive ⇔ label 1) and one constant column.
        using torch.Tensor x = torch.tensor(new float[] { -2, 1, -1, 1, -0.5f, 1, 0.5f, 1, 1, 1, 2, 1 }, [6, 2]);
        using torch.Tensor y = torch.tensor(new long[] { 0, 0, 0, 1, 1, 1 });

        using LogisticRegressionBaseline model = LogisticRegressionBaseline.Fit(x, y);

        Assert.Equal(1.0, model.Accuracy(x, y), 12);
        Assert.Equal(1.0, model.RocAuc(x, y), 12);
        Assert.True(model.Weights[0] > 1, $"weight of the informative column is {model.Weights[0]}");
        float[] p = model.PredictProbabilities(x);
        Assert.True(p[0] < 0.1 && p[5] > 0.9, $"p = {string.Join(", ", p)}");
    }

    [Fact]
    public void Logistic_regression_is_deterministic_and_checks_its_inputs()
    {
        using torch.Tensor x = torch.tensor(new float[] { 0.3f, -1, 2, 0.1f, -0.7f, 0.9f, 1.5f, -0.2f }, [4, 2]);
        using torch.Tensor y = torch.tensor(new float[] { 1, 0, 1, 0 });
        using LogisticRegressionBaseline first = LogisticRegressionBaseline.Fit(x, y);
        using LogisticRegressionBaseline second = LogisticRegressionBaseline.Fit(x, y);
        Assert.Equal(first.Weights, second.Weights);
        Assert.Equal(first.Bias, second.Bias);

        using torch.Tensor badLabels = torch.tensor(new float[] { 1, 0, 2, 0 });
        var error = Assert.Throws<ArgumentException>(() => LogisticRegressionBaseline.Fit(x, badLabels));
        Assert.Contains("Label 2 is 2", error.Message);
        using torch.Tensor fewLabels = torch.tensor(new float[] { 1, 0 });
        Assert.Contains("4 feature rows but 2 labels", Assert.Throws<ArgumentException>(() => first.Accuracy(x, fewLabels)).Message);
    }
}
