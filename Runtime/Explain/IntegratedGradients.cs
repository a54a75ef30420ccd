using TorchSharp;

namespace ModelDsl.Explain;

/// <summary>
/// Integrated gradients (Sundararajan et al. 2017): attributions = (x − baseline) × the average gradient of the target
/// output along the straight path from baseline to x. They add up to f(x) − f(baseline) (completeness), up to the
/// Riemann-sum error of <c>steps</c>; for a linear model they are exactly wᵢ·(xᵢ − bᵢ).
/// </summary>
public static class IntegratedGradients
{
    /// <summary>Attributions for one input <c>[1, …]</c>, flattened in row-major order, on the host.</summary>
    /// <param name="model">The model; evaluated in eval mode, its training flag restored afterwards.</param>
    /// <param name="input">One example with its batch axis, <c>[1, …]</c>.</param>
    /// <param name="baseline">The reference input, same shape. The CLI's explain uses the mean of the featurized
    /// training inputs: against all zeros, a column that never changes (a one-hot column every example shares) is
    /// credited with part of the prediction; against the mean its attribution is 0.</param>
    /// <param name="target">Index into the model's output row (class logit; 0 for a single output).</param>
    /// <param name="steps">Points on the path (midpoint rule), all evaluated in one batch.</param>
    /// <exception cref="ArgumentException">The shapes differ, the input is not a single example, the target is outside the output, or steps is below 1.</exception>
    public static float[] Compute(torch.nn.Module<torch.Tensor, torch.Tensor> model, torch.Tensor input, torch.Tensor baseline, int target, int steps = 64) =>
        Explain(model, input, baseline, target, steps).Attributions;

    /// <summary>As <see cref="Compute"/>, also returning f(x) and f(baseline) so callers can check completeness.</summary>
    /// <param name="model">The model; evaluated in eval mode, its training flag restored afterwards.</param>
    /// <param name="input">One example with its batch axis, <c>[1, …]</c>.</param>
    /// <param name="baseline">The reference input, same shape. The CLI's explain uses the mean of the featurized
    /// training inputs: against all zeros, a column that never changes (a one-hot column every example shares) is
    /// credited with part of the prediction; against the mean its attribution is 0.</param>
    /// <param name="target">Index into the model's output row.</param>
    /// <param name="steps">Points on the path (midpoint rule).</param>
    /// <exception cref="ArgumentException">As <see cref="Compute"/>.</exception>
    public static IntegratedGradientsResult Explain(torch.nn.Module<torch.Tensor, torch.Tensor> model, torch.Tensor input, torch.Tensor baseline, int target, int steps = 64)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        if (input.dim() < 2 || input.shape[0] != 1)
            throw new ArgumentException($"The input has shape [{string.Join(", ", input.shape)}]; expected one example with its batch axis, [1, …].", nameof(input));
        if (!input.shape.SequenceEqual(baseline.shape))
            throw new ArgumentException(
                $"The baseline has shape [{string.Join(", ", baseline.shape)}] but the input has [{string.Join(", ", input.shape)}].", nameof(baseline));

        bool wasTraining = model.training;
        model.eval();
        try
        {
            using var scope = torch.NewDisposeScope();
            torch.Tensor x = input.detach();
            torch.Tensor b = baseline.detach().to(x.dtype).to(x.device);
            torch.Tensor difference = x - b;
            torch.Tensor alphas = (torch.arange(steps, dtype: x.dtype, device: x.device) + 0.5) / steps;
            long[] shape = [steps, .. Enumerable.Repeat(1L, x.shape.Length - 1)];
            torch.Tensor path = (b + alphas.reshape(shape) * difference).detach().requires_grad_(true);
            torch.Tensor output = model.call(path).reshape(steps, -1);
            if (target < 0 || target >= output.shape[1])
                throw new ArgumentException($"Target {target} is outside the model's {output.shape[1]} outputs.", nameof(target));
            output.select(1, target).sum().backward();
            torch.Tensor averageGradient = path.grad!.mean([0], keepdim: true);
            float[] attributions = (averageGradient * difference).cpu().reshape(-1).data<float>().ToArray();

            double atInput, atBaseline;
            using (torch.no_grad())
            {
                atInput = model.call(x).reshape(1, -1)[0, target].to(torch.float64).cpu().item<double>();
                atBaseline = model.call(b).reshape(1, -1)[0, target].to(torch.float64).cpu().item<double>();
            }
            return new IntegratedGradientsResult(attributions, atInput, atBaseline);
        }
        finally
        {
            model.train(wasTraining);
        }
    }
}
