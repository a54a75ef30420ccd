using ModelDsl.Data;
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
        bool wasTraining = model.training;
        model.eval();
        try
        {
            using var scope = torch.NewDisposeScope();
            // Aliases in this scope: the wrappers must not dispose the caller's tensors.
            return Explain(inputs => model.call(inputs[0]), ModelInputs.Single(input.alias()), ModelInputs.Single(baseline.alias()),
                ModelInputs.DefaultName, target, steps);
        }
        finally
        {
            model.train(wasTraining);
        }
    }

    /// <summary>
    /// Integrated gradients of a model with embedded enums (<see cref="IFeatureEmbedding"/>), in the space its first layers
    /// read: the path runs from the mean of the embedded <paramref name="training"/> rows (for an embedded enum, its
    /// embeddings weighted by how often each value occurs, as the mean of one-hot columns is each value's share) to the
    /// embedded example, so an embedded property's credit is the sum over its embedding's columns (the featurizer's
    /// <c>EmbeddedGroups</c>). A member index has no gradient, so attributing the featurized row would give it none.
    /// </summary>
    /// <param name="model">The model; evaluated in eval mode, its training flag restored afterwards.</param>
    /// <param name="input">One featurized example, <c>[1, featurized width]</c>.</param>
    /// <param name="training">The featurized training rows whose embedded mean is the reference.</param>
    /// <param name="target">Index into the model's output row.</param>
    /// <param name="steps">Points on the path (midpoint rule).</param>
    /// <returns>Attributions per embedded column; f(x) and f(reference).</returns>
    /// <exception cref="ArgumentException">The model embeds nothing (it is no <see cref="IFeatureEmbedding"/>), or as <see cref="Compute"/>.</exception>
    public static IntegratedGradientsResult ExplainEmbedded(torch.nn.Module<torch.Tensor, torch.Tensor> model, torch.Tensor input, torch.Tensor training, int target, int steps = 64)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(training);
        if (model is not IFeatureEmbedding embedding)
            throw new ArgumentException($"{model.GetType().Name} embeds no enums (it is no IFeatureEmbedding); attribute its inputs with Explain.", nameof(model));
        bool wasTraining = model.training;
        model.eval();
        try
        {
            using var scope = torch.NewDisposeScope();
            torch.Tensor example, reference;
            using (torch.no_grad())
            {
                example = embedding.EmbedFeatures(input).detach();
                reference = embedding.EmbedFeatures(training).mean([0], keepdim: true).detach();
            }
            return Explain(inputs => embedding.ForwardEmbedded(inputs[0]), ModelInputs.Single(example), ModelInputs.Single(reference),
                ModelInputs.DefaultName, target, steps);
        }
        finally
        {
            model.train(wasTraining);
        }
    }

    /// <summary>
    /// Integrated gradients of a model of several inputs, attributing the float input <paramref name="attributed"/>: the
    /// path runs from its baseline to its value while every other input (token ids among them) stays at the example's
    /// value. The caller puts the model in evaluation mode (a trainer's <c>ExplainIntegratedGradients</c> does).
    /// </summary>
    /// <param name="forward">The model on a batch of named inputs (e.g. a trainer's forward), returning its output rows.</param>
    /// <param name="input">One example of every input, each <c>[1, …]</c>.</param>
    /// <param name="baseline">The reference; only its tensor named <paramref name="attributed"/> is read, same shape as the example's.</param>
    /// <param name="attributed">The float input to attribute.</param>
    /// <param name="target">Index into the model's output row.</param>
    /// <param name="steps">Points on the path (midpoint rule), all evaluated in one batch.</param>
    /// <exception cref="ArgumentException">The input is unknown or not floats, the shapes differ, the example is not one row, the target is outside the output, or steps is below 1.</exception>
    public static IntegratedGradientsResult Explain(Func<ModelInputs, torch.Tensor> forward, ModelInputs input, ModelInputs baseline, string attributed,
        int target, int steps = 64)
    {
        ArgumentNullException.ThrowIfNull(forward);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(attributed);
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        if (!input.Contains(attributed))
            throw new ArgumentException($"There is no input named '{attributed}' to attribute; the inputs are {ModelInputs.Describe(input.Names)}.", nameof(attributed));
        torch.Tensor example = input[attributed];
        if (example.dim() < 2 || example.shape[0] != 1)
            throw new ArgumentException($"The input has shape [{string.Join(", ", example.shape)}]; expected one example with its batch axis, [1, …].", nameof(input));
        if (!example.is_floating_point())
            throw new ArgumentException(
                $"Input '{attributed}' holds {example.dtype} values (token ids?), which have no gradient; integrated gradients attribute a float input.", nameof(attributed));
        torch.Tensor reference = baseline[attributed];
        if (!example.shape.SequenceEqual(reference.shape))
            throw new ArgumentException(
                $"The baseline has shape [{string.Join(", ", reference.shape)}] but the input has [{string.Join(", ", example.shape)}].", nameof(baseline));

        using var scope = torch.NewDisposeScope();
        torch.Tensor x = example.detach();
        torch.Tensor b = reference.detach().to(x.dtype).to(x.device);
        torch.Tensor difference = x - b;
        torch.Tensor alphas = (torch.arange(steps, dtype: x.dtype, device: x.device) + 0.5) / steps;
        long[] shape = [steps, .. Enumerable.Repeat(1L, x.shape.Length - 1)];
        torch.Tensor path = (b + alphas.reshape(shape) * difference).detach().requires_grad_(true);
        // The other inputs repeat the example's row once per step (expanded views, no copies).
        ModelInputs pathInputs = input.Map(t => t.expand([steps, .. t.shape[1..]])).With(attributed, path);
        torch.Tensor output = forward(pathInputs).reshape(steps, -1);
        if (target < 0 || target >= output.shape[1])
            throw new ArgumentException($"Target {target} is outside the model's {output.shape[1]} outputs.", nameof(target));
        output.select(1, target).sum().backward();
        torch.Tensor averageGradient = path.grad!.mean([0], keepdim: true);
        float[] attributions = (averageGradient * difference).cpu().reshape(-1).data<float>().ToArray();

        double atInput, atBaseline;
        using (torch.no_grad())
        {
            atInput = forward(input.Map(t => t.alias()).With(attributed, x)).reshape(1, -1)[0, target].to(torch.float64).cpu().item<double>();
            atBaseline = forward(input.Map(t => t.alias()).With(attributed, b)).reshape(1, -1)[0, target].to(torch.float64).cpu().item<double>();
        }
        return new IntegratedGradientsResult(attributions, atInput, atBaseline);
    }
}
