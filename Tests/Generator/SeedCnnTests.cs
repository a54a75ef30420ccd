using ModelDsl.Models.Declarations;
using TorchSharp;

namespace ModelDsl.Tests.Generator;

/// <summary>The seed CNN from the brief: Keras' figures at compile time, TorchSharp's at run time.</summary>
public sealed class SeedCnnTests
{
    [Fact]
    public void Parameter_count_is_the_one_keras_prints()
    {
        Assert.Equal(54410L, FashionCnn.ParameterCount);
        Assert.Equal(new long[] { 1, 28, 28 }, FashionCnn.InputShape);
        Assert.Equal(new long[] { 10 }, FashionCnn.OutputShape);
    }

    [Fact]
    public void Summary_lists_each_layer_with_keras_parameter_figures()
    {
        string[] lines = FashionCnn.Summary().Split('\n');
        Assert.Contains(lines, l => l.Contains("conv2d_1 (Conv2D)") && l.Contains("(None, 32, 26, 26)") && l.TrimEnd().EndsWith(" 320"));
        Assert.Contains(lines, l => l.Contains("max_pooling2d_1 (MaxPool2D)") && l.Contains("(None, 32, 13, 13)") && l.TrimEnd().EndsWith(" 0"));
        Assert.Contains(lines, l => l.Contains("flatten_1 (Flatten)") && l.Contains("(None, 5408)"));
        Assert.Contains(lines, l => l.Contains("dense_1 (Dense)") && l.Contains("(None, 10)") && l.TrimEnd().EndsWith(" 54,090"));
        Assert.Contains("Total params: 54,410", lines);
    }

    [Fact]
    public void Torchsharp_counts_the_same_parameters_and_shapes_at_run_time()
    {
        Devices.TorchNative.EnsureLoaded();
        using var model = new FashionCnn();
        Assert.Equal(FashionCnn.ParameterCount, model.parameters().Sum(p => p.numel()));
        Assert.Equal(["conv2d_1.weight", "conv2d_1.bias", "dense_1.weight", "dense_1.bias"], model.state_dict().Keys);
        using var input = torch.rand(3, 1, 28, 28);
        using var output = model.call(input);
        Assert.Equal(new long[] { 3, 10 }, output.shape);
    }

    [Fact]
    public void Forward_returns_logits_and_probabilities_apply_the_declared_softmax()
    {
        Devices.TorchNative.EnsureLoaded();
        torch.manual_seed(3);
        using var model = new FashionCnn();
        using var input = torch.rand(4, 1, 28, 28);
        using var logits = model.call(input);
        using var probabilities = model.Probabilities(input);
        using var expected = torch.nn.functional.softmax(logits, 1);
        Assert.True(probabilities.allclose(expected), "Probabilities must be softmax(forward)");
        Assert.False(logits.sum(1).allclose(torch.ones(4)), "forward must not apply softmax itself");
        Assert.Equal("softmax", FashionCnn.FinalActivation);
    }
}
