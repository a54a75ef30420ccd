using ModelDsl.Training;

namespace ModelDsl.Tests.Training;

/// <summary>Metrics against values worked out by hand for tiny examples.</summary>
public sealed class MetricTests
{
    private static readonly ModelOutput Binary = new(ModelTask.Binary, 1);

    [Fact]
    public void Binary_precision_recall_f1_accuracy()
    {
        // predicted 1,1,0,0,1 vs actual 1,0,0,1,1: TP=2, FP=1, FN=1, TN=1.
        float[] p = [0.9f, 0.7f, 0.2f, 0.4f, 0.6f], y = [1, 0, 0, 1, 1];
        Assert.Equal(3.0 / 5, MetricCalculator.Compute(Metric.Accuracy, Binary, p, y), 10);
        Assert.Equal(2.0 / 3, MetricCalculator.Compute(Metric.Precision, Binary, p, y), 10);
        Assert.Equal(2.0 / 3, MetricCalculator.Compute(Metric.Recall, Binary, p, y), 10);
        Assert.Equal(2.0 / 3, MetricCalculator.Compute(Metric.F1, Binary, p, y), 10);
    }

    [Fact]
    public void Roc_auc_counts_correctly_ordered_pairs_and_half_ties()
    {
        // Positives scored 0.8, 0.4; negatives 0.4, 0.1: pairs (0.8>0.4), (0.8>0.1), (0.4=0.4 → ½), (0.4>0.1) = 3.5 of 4.
        float[] p = [0.8f, 0.4f, 0.4f, 0.1f], y = [1, 1, 0, 0];
        Assert.Equal(3.5 / 4, MetricCalculator.Compute(Metric.RocAuc, Binary, p, y), 10);
    }

    [Fact]
    public void Multi_class_macro_f1_and_regression_errors()
    {
        var three = new ModelOutput(ModelTask.MultiClass, 3);
        // Rows predict classes 0, 1, 1, 2 (argmax); actual 0, 1, 2, 2.
        float[] p = [0.8f, 0.1f, 0.1f, 0.1f, 0.8f, 0.1f, 0.2f, 0.5f, 0.3f, 0.1f, 0.2f, 0.7f];
        float[] y = [0, 1, 2, 2];
        // Class 0: P=1, R=1, F1=1. Class 1: P=1/2, R=1, F1=2/3. Class 2: P=1, R=1/2, F1=2/3.
        Assert.Equal((1 + 2.0 / 3 + 2.0 / 3) / 3, MetricCalculator.Compute(Metric.F1, three, p, y), 10);
        Assert.Equal(0.75, MetricCalculator.Compute(Metric.Accuracy, three, p, y), 10);

        var regression = new ModelOutput(ModelTask.Regression, 1);
        float[] values = [1, 2, 4], targets = [2, 2, 1];
        Assert.Equal((1 + 0 + 3) / 3.0, MetricCalculator.Compute(Metric.Mae, regression, values, targets), 6);
        Assert.Equal(Math.Sqrt((1 + 0 + 9) / 3.0), MetricCalculator.Compute(Metric.Rmse, regression, values, targets), 6);
    }

    [Fact]
    public async Task Roc_auc_is_nan_when_a_score_is_nan_and_no_metric_hangs()
    {
        var three = new ModelOutput(ModelTask.MultiClass, 3);
        float[] binaryScores = [0.8f, float.NaN, 0.4f, 0.1f], binaryTargets = [1, 1, 0, 0];
        // Row 1 is NaN in every column, as softmax of a diverged row is.
        float[] classScores = [0.8f, 0.1f, 0.1f, float.NaN, float.NaN, float.NaN, 0.2f, 0.5f, 0.3f, 0.1f, 0.2f, 0.7f];
        float[] classTargets = [0, 1, 1, 2];

        // The old tie grouping looped forever on a NaN score: run in a task so a regression fails instead of hanging the suite.
        var computing = Task.Run(() => (
            BinaryAuc: MetricCalculator.Compute(Metric.RocAuc, Binary, binaryScores, binaryTargets),
            MultiClassAuc: MetricCalculator.Compute(Metric.RocAuc, three, classScores, classTargets),
            Others: new[] { Metric.Accuracy, Metric.Precision, Metric.Recall, Metric.F1 }
                .Select(m => (Binary: MetricCalculator.Compute(m, Binary, binaryScores, binaryTargets), MultiClass: MetricCalculator.Compute(m, three, classScores, classTargets)))
                .ToArray(),
            Mae: MetricCalculator.Compute(Metric.Mae, new ModelOutput(ModelTask.Regression, 1), binaryScores, binaryTargets)));
        Task finished = await Task.WhenAny(computing, Task.Delay(TimeSpan.FromSeconds(10)));
        Assert.True(finished == computing, "metrics with a NaN score did not finish within 10 s");

        var results = await computing;
        Assert.True(double.IsNaN(results.BinaryAuc));
        Assert.True(double.IsNaN(results.MultiClassAuc));
        Assert.True(double.IsNaN(results.Mae));
        // The NaN row predicts class 0 in both tasks: binary 3 of 4 right (row 1 is a positive), multi-class rows 0, 2 (argmax 1), 3 right.
        Assert.Equal(3.0 / 4, results.Others[0].Binary, 10);
        Assert.Equal(3.0 / 4, results.Others[0].MultiClass, 10);
    }
}
