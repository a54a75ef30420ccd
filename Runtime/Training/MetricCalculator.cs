namespace ModelDsl.Training;

/// <summary>
/// Computes metrics from predictions and targets held on the host (once per epoch, not per batch).
/// Classification metrics other than accuracy are macro-averaged over classes; for binary tasks they are for the positive class.
/// </summary>
public static class MetricCalculator
{
    /// <summary>Computes <paramref name="metric"/>.</summary>
    /// <param name="predictions">MultiClass: probabilities, row-major [N, classes]; Binary: P(positive) [N]; Regression: values [N × outputs].</param>
    /// <param name="targets">Class indices (MultiClass), 0/1 (Binary) or values (Regression), same order.</param>
    /// <remarks>
    /// NaN predictions (a diverged model) never hang or throw: ROC AUC and the regression errors are then NaN; the
    /// class-based metrics count a NaN row as predicting class 0 (argmax and the 0.5 threshold see no larger value).
    /// </remarks>
    public static double Compute(Metric metric, ModelOutput output, ReadOnlySpan<float> predictions, ReadOnlySpan<float> targets)
    {
        switch (metric)
        {
            case Metric.Mae:
                return Mean(predictions, targets, static d => Math.Abs(d));
            case Metric.Rmse:
                return Math.Sqrt(Mean(predictions, targets, static d => d * d));
            case Metric.RocAuc:
                if (output.Task == ModelTask.Binary)
                    return RocAuc(predictions, targets, 1f);
                // Checked here, not only per class: the macro average skips NaN classes (those without positives).
                if (ContainsNaN(predictions))
                    return double.NaN;
                float[] scores = predictions.ToArray(), labels = targets.ToArray();
                return MacroAverage(output.Units, c => RocAuc(Column(scores, output.Units, c), labels, c));
        }

        int[] predicted = PredictedClasses(output, predictions);
        int[] actual = new int[targets.Length];
        for (int i = 0; i < targets.Length; i++)
            actual[i] = (int)targets[i];
        if (metric == Metric.Accuracy)
            return actual.Length == 0 ? double.NaN : predicted.Where((p, i) => p == actual[i]).Count() / (double)actual.Length;

        int classes = output.Task == ModelTask.Binary ? 2 : output.Units;
        double F1(int c)
        {
            double precision = Ratio(Count(predicted, actual, c, c), predicted.Count(p => p == c));
            double recall = Ratio(Count(predicted, actual, c, c), actual.Count(a => a == c));
            return precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        }
        Func<int, double> perClass = metric switch
        {
            Metric.Precision => c => Ratio(Count(predicted, actual, c, c), predicted.Count(p => p == c)),
            Metric.Recall => c => Ratio(Count(predicted, actual, c, c), actual.Count(a => a == c)),
            _ => F1,
        };
        return output.Task == ModelTask.Binary ? perClass(1) : MacroAverage(classes, perClass);
    }

    /// <summary>The predicted class of each row: argmax for MultiClass, P ≥ 0.5 for Binary.</summary>
    public static int[] PredictedClasses(ModelOutput output, ReadOnlySpan<float> predictions)
    {
        if (output.Task == ModelTask.Binary)
        {
            var classes = new int[predictions.Length];
            for (int i = 0; i < predictions.Length; i++)
                classes[i] = predictions[i] >= 0.5f ? 1 : 0;
            return classes;
        }
        int width = output.Units;
        var result = new int[predictions.Length / width];
        for (int row = 0; row < result.Length; row++)
        {
            int best = 0;
            for (int c = 1; c < width; c++)
                if (predictions[row * width + c] > predictions[row * width + best])
                    best = c;
            result[row] = best;
        }
        return result;
    }

    /// <summary>Area under the ROC curve of <paramref name="scores"/> for <c>target == positive</c> (Mann-Whitney U, ties counted half).</summary>
    /// <returns>The AUC; <see cref="double.NaN"/> when any score is NaN (no ranking exists) or only one class is present.</returns>
    public static double RocAuc(ReadOnlySpan<float> scores, ReadOnlySpan<float> targets, float positive)
    {
        // NaN ranks nowhere, and the tie grouping below (equal scores) would never advance past a NaN score.
        if (ContainsNaN(scores))
            return double.NaN;
        var pairs = new (float Score, bool Positive)[scores.Length];
        for (int i = 0; i < scores.Length; i++)
            pairs[i] = (scores[i], targets[i] == positive);
        Array.Sort(pairs, (a, b) => a.Score.CompareTo(b.Score));
        double rankSum = 0;
        long positives = 0;
        for (int i = 0; i < pairs.Length;)
        {
            int j = i;
            while (j < pairs.Length && pairs[j].Score == pairs[i].Score)
                j++;
            double averageRank = (i + 1 + j) / 2.0;   // ranks are 1-based; ties share their mean rank
            for (int k = i; k < j; k++)
                if (pairs[k].Positive)
                {
                    rankSum += averageRank;
                    positives++;
                }
            i = j;
        }
        long negatives = pairs.Length - positives;
        return positives == 0 || negatives == 0 ? double.NaN : (rankSum - positives * (positives + 1) / 2.0) / (positives * (double)negatives);
    }

    private static bool ContainsNaN(ReadOnlySpan<float> values)
    {
        foreach (float value in values)
            if (float.IsNaN(value))
                return true;
        return false;
    }

    private static float[] Column(ReadOnlySpan<float> matrix, int width, int column)
    {
        var values = new float[matrix.Length / width];
        for (int row = 0; row < values.Length; row++)
            values[row] = matrix[row * width + column];
        return values;
    }

    private static double MacroAverage(int classes, Func<int, double> perClass)
    {
        double sum = 0;
        int counted = 0;
        for (int c = 0; c < classes; c++)
        {
            double value = perClass(c);
            if (!double.IsNaN(value))
            {
                sum += value;
                counted++;
            }
        }
        return counted == 0 ? double.NaN : sum / counted;
    }

    private static int Count(int[] predicted, int[] actual, int predictedClass, int actualClass)
    {
        int count = 0;
        for (int i = 0; i < predicted.Length; i++)
            if (predicted[i] == predictedClass && actual[i] == actualClass)
                count++;
        return count;
    }

    private static double Ratio(int numerator, int denominator) => denominator == 0 ? 0 : numerator / (double)denominator;

    private static double Mean(ReadOnlySpan<float> predictions, ReadOnlySpan<float> targets, Func<double, double> error)
    {
        if (predictions.Length != targets.Length)
            throw new ArgumentException($"{predictions.Length} predictions but {targets.Length} targets.");
        double sum = 0;
        for (int i = 0; i < predictions.Length; i++)
            sum += error(predictions[i] - (double)targets[i]);
        return predictions.Length == 0 ? double.NaN : sum / predictions.Length;
    }
}
