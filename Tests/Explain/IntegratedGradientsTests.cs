using ModelDsl.Explain;
using TorchSharp;
using static TorchSharp.torch;

namespace ModelDsl.Tests.Explain;

/// <summary>Integrated gradients: exact on a linear model, complete on a non-linear one.</summary>
public sealed class IntegratedGradientsTests
{
    public IntegratedGradientsTests() => ModelDsl.Devices.TorchNative.EnsureLoaded();

    [Fact]
    public void Linear_model_attributions_are_weight_times_distance_from_baseline()
    {
        using var linear = nn.Linear(3, 2);
        using (torch.no_grad())
        {
            linear.weight!.copy_(torch.tensor(new float[] { 1, 2, 3, 0.5f, -4, 2 }, [2, 3]));
            linear.bias!.copy_(torch.tensor(new float[] { 0.7f, -0.3f }));
        }
        using Tensor x = torch.tensor(new float[] { 2, 1, -1 }, [1, 3]);
        using Tensor baseline = torch.tensor(new float[] { 1, 0.5f, 1 }, [1, 3]);

        float[] attributions = IntegratedGradients.Compute(linear, x, baseline, target: 1, steps: 8);

        // w₁ = (0.5, −4, 2), x − b = (1, 0.5, −2): attributions (0.5, −2, −4).
        Assert.Equal(0.5, attributions[0], 5);
        Assert.Equal(-2.0, attributions[1], 5);
        Assert.Equal(-4.0, attributions[2], 5);
    }

    [Fact]
    public void Attributions_of_a_random_network_add_up_to_the_output_difference()
    {
        torch.manual_seed(21);
        using var network = nn.Sequential(nn.Linear(6, 16), nn.Tanh(), nn.Linear(16, 16), nn.ReLU(), nn.Linear(16, 3));
        using Tensor x = torch.randn(1, 6) * 2;
        using Tensor baseline = torch.zeros(1, 6);
        double expected;
        using (torch.no_grad())
            expected = network.call(x)[0, 2].item<float>() - network.call(baseline)[0, 2].item<float>();

        IntegratedGradientsResult result = IntegratedGradients.Explain(network, x, baseline, target: 2, steps: 512);

        // ReLU kinks make the path integral's Riemann sum converge slowly; 512 midpoints keep it well inside 1%.
        Assert.Equal(6, result.Attributions.Length);
        Assert.True(Math.Abs(expected) > 1e-3, $"the test needs a non-trivial output difference, got {expected}");
        double total = result.Attributions.Sum(a => (double)a);
        Assert.True(Math.Abs(total - expected) <= 1e-2 * Math.Abs(expected), $"Σ attributions = {total}, f(x) − f(b) = {expected}");
        Assert.Equal(expected, result.OutputAtInput - result.OutputAtBaseline, 5);
        Assert.True(result.CompletenessError <= 1e-2 * Math.Abs(expected));
    }

    [Fact]
    public void Sequence_inputs_get_one_attribution_per_element_and_the_training_flag_is_restored()
    {
        torch.manual_seed(2);
        using var network = nn.Sequential(nn.Flatten(), nn.Linear(10, 2));
        network.train();
        using Tensor x = torch.randn(1, 5, 2);

        float[] attributions = IntegratedGradients.Compute(network, x, torch.zeros_like(x), target: 0);

        Assert.Equal(10, attributions.Length);
        Assert.True(network.training);
    }

    [Fact]
    public void Mismatched_baseline_and_target_out_of_range_are_named()
    {
        using var linear = nn.Linear(3, 2);
        using Tensor x = torch.ones(1, 3);

        var shape = Assert.Throws<ArgumentException>(() => IntegratedGradients.Compute(linear, x, torch.zeros(1, 4), target: 0));
        Assert.Contains("[1, 4]", shape.Message);
        var target = Assert.Throws<ArgumentException>(() => IntegratedGradients.Compute(linear, x, torch.zeros(1, 3), target: 2));
        Assert.Contains("Target 2 is outside the model's 2 outputs", target.Message);
    }
}
