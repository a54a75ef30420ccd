using TorchSharp;

namespace ModelDsl.Explain;

/// <summary>
/// Integrated gradients (Sundararajan et al. 2017): attributions = (x − baseline) × the average gradient of the target
/// output along the straight path from baseline to x. They add up to f(x) − f(baseline) (completeness), up to the
/// Riemann-sum error of <c>steps</c>.
/// </summary>
public static class IntegratedGradients
{
    /// <summary>Attributions for one input <c>[1, …]</c>, same shape, on the host.</summary>
    /// <param name="target">Index into the model's output row (class logit; 0 for a single output).</param>
    public static float[] Compute(torch.nn.Module<torch.Tensor, torch.Tensor> model, torch.Tensor input, torch.Tensor baseline, int target, int steps = 64)
    {
        bool wasTraining = model.training;
        model.eval();
        try
        {
            using var scope = torch.NewDisposeScope();
            torch.Tensor difference = input - baseline;
            // Midpoint rule: alphas (k + 0.5) / steps, all evaluated in one batch.
            torch.Tensor alphas = (torch.arange(steps, dtype: input.dtype, device: input.device) + 0.5) / steps;
            long[] shape = [steps, .. Enumerable.Repeat(1L, input.shape.Length - 1)];
            torch.Tensor path = (baseline + alphas.reshape(shape) * difference).detach().requires_grad_(true);
            torch.Tensor output = model.call(path).reshape(steps, -1);
            output.select(1, target).sum().backward();
            torch.Tensor averageGradient = path.grad!.mean([0], keepdim: true);
            return (averageGradient * difference).cpu().reshape(-1).data<float>().ToArray();
        }
        finally
        {
            model.train(wasTraining);
        }
    }
}
