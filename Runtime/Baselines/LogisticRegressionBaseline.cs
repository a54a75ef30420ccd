using TorchSharp;

namespace ModelDsl.Baselines;

/// <summary>
/// A plain logistic regression on the same features, fitted full-batch and deterministically: the reference a tabular
/// network should beat to justify itself.
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

    /// <summary>Fits on features <c>[N, F]</c> and 0/1 labels <c>[N]</c> with a little L2 regularisation.</summary>
    public static LogisticRegressionBaseline Fit(torch.Tensor features, torch.Tensor labels, int steps = 300, double l2 = 1e-3)
    {
        using var scope = torch.NewDisposeScope();
        torch.Tensor x = features.to(torch.float32), y = labels.to(torch.float32).reshape(-1);
        var w = new TorchSharp.Modules.Parameter(torch.zeros(x.shape[1]));
        var b = new TorchSharp.Modules.Parameter(torch.zeros(1));
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
        using var scope = torch.NewDisposeScope();
        return torch.sigmoid(features.to(torch.float32).matmul(_weights) + _bias).data<float>().ToArray();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _weights.Dispose();
        _bias.Dispose();
    }
}
