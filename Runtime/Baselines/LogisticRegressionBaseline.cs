using ModelDsl.Training;
using TorchSharp;

namespace ModelDsl.Baselines;

/// <summary>
/// A plain logistic regression on the same features, fitted full-batch and deterministically (zero initial weights,
/// Adam on the whole training set, no sampling): the reference a tabular network should beat to justify itself.
/// </summary>
public sealed class LogisticRegressionBaseline : IDisposable
{
    private readonly torch.Tensor _weights;
    private readonly torch.Tensor _bias;

    private LogisticRegressionBaseline(torch.Tensor weights, torch.Tensor bias)
    {
        _weights = weights;
        _bias = bias;
    }

    /// <summary>The fitted weight per feature column (on the host).</summary>
    public float[] Weights => _weights.cpu().data<float>().ToArray();

    /// <summary>The fitted intercept.</summary>
    public float Bias => _bias.cpu().item<float>();

    /// <summary>Fits on features <c>[N, F]</c> and 0/1 labels <c>[N]</c> with a little L2 regularisation.</summary>
    /// <param name="features">Training inputs, one row per example; standardised columns fit best.</param>
    /// <param name="labels">0/1 targets, one per row (any numeric dtype).</param>
    /// <param name="steps">Full-batch Adam steps.</param>
    /// <param name="l2">Penalty on the squared weights (not the bias).</param>
    /// <exception cref="ArgumentException">The shapes do not match, or a label is not 0 or 1.</exception>
    public static LogisticRegressionBaseline Fit(torch.Tensor features, torch.Tensor labels, int steps = 300, double l2 = 1e-3)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        using var scope = torch.NewDisposeScope();
        (torch.Tensor x, torch.Tensor y) = Check(features, labels);
        var w = new TorchSharp.Modules.Parameter(torch.zeros(x.shape[1], device: x.device));
        var b = new TorchSharp.Modules.Parameter(torch.zeros(1, device: x.device));
        using var optimizer = torch.optim.Adam([w, b], 0.05);
        for (int step = 0; step < steps; step++)
        {
            using var stepScope = torch.NewDisposeScope();
            optimizer.zero_grad();
            torch.Tensor loss = torch.nn.functional.binary_cross_entropy_with_logits(x.matmul(w) + b, y) + l2 * w.pow(2).sum();
            loss.backward();
            optimizer.step();
        }
        return new LogisticRegressionBaseline(scope.MoveToOuter(w.detach().clone()), scope.MoveToOuter(b.detach().clone()));
    }

    /// <summary>P(label = 1) for each row of <paramref name="features"/>.</summary>
    public float[] PredictProbabilities(torch.Tensor features)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (features.dim() != 2 || features.shape[1] != _weights.shape[0])
            throw new ArgumentException(
                $"Features have shape [{string.Join(", ", features.shape)}]; this regression was fitted on [N, {_weights.shape[0]}].", nameof(features));
        using var scope = torch.NewDisposeScope();
        return torch.sigmoid(features.to(torch.float32).to(_weights.device).matmul(_weights) + _bias).cpu().data<float>().ToArray();
    }

    /// <summary>Fraction of rows whose thresholded probability (≥ 0.5 → 1) equals the 0/1 label.</summary>
    /// <exception cref="ArgumentException">The shapes do not match, or a label is not 0 or 1.</exception>
    public double Accuracy(torch.Tensor features, torch.Tensor labels)
    {
        float[] probabilities = PredictProbabilities(features);
        float[] targets = HostLabels(features, labels);
        int correct = 0;
        for (int i = 0; i < targets.Length; i++)
            if ((probabilities[i] >= 0.5f ? 1f : 0f) == targets[i])
                correct++;
        return correct / (double)targets.Length;
    }

    /// <summary>Area under the ROC curve of the predicted probabilities for label 1 (NaN when one class is absent).</summary>
    /// <exception cref="ArgumentException">The shapes do not match, or a label is not 0 or 1.</exception>
    public double RocAuc(torch.Tensor features, torch.Tensor labels)
    {
        float[] probabilities = PredictProbabilities(features);
        return MetricCalculator.RocAuc(probabilities, HostLabels(features, labels), 1f);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _weights.Dispose();
        _bias.Dispose();
    }

    private static float[] HostLabels(torch.Tensor features, torch.Tensor labels)
    {
        using var scope = torch.NewDisposeScope();
        (_, torch.Tensor y) = Check(features, labels);
        return y.cpu().data<float>().ToArray();
    }

    private static (torch.Tensor Features, torch.Tensor Labels) Check(torch.Tensor features, torch.Tensor labels)
    {
        if (features.dim() != 2)
            throw new ArgumentException($"Features have shape [{string.Join(", ", features.shape)}]; logistic regression needs [N, F].", nameof(features));
        torch.Tensor y = labels.to(torch.float32).reshape(-1).to(features.device);
        if (y.shape[0] != features.shape[0])
            throw new ArgumentException($"There are {features.shape[0]} feature rows but {y.shape[0]} labels.", nameof(labels));
        torch.Tensor notBinary = (y != 0) & (y != 1);
        if (notBinary.any().item<bool>())
        {
            long row = notBinary.nonzero()[0, 0].item<long>();
            throw new ArgumentException($"Label {row} is {y[row].item<float>()}; logistic regression needs 0/1 labels.", nameof(labels));
        }
        return (features.to(torch.float32), y);
    }
}
