using Microsoft.CodeAnalysis;
using ModelDsl.Layers;
using ModelDsl.Tests.Generator;
using TorchSharp;

namespace ModelDsl.Tests.Layers;

/// <summary>
/// Generated modules hand every Conv2D its input channels-last (libtorch's default-layout CPU max pooling is many times
/// slower; docs/performance.md): the layout changes, the values and what the model computes do not.
/// </summary>
public sealed class ChannelsLastTests
{
    [Fact]
    public void One_channel_batch_gets_channels_last_strides_over_the_same_values()
    {
        Devices.TorchNative.EnsureLoaded();
        using var scope = torch.NewDisposeScope();
        // A narrowed batch starts inside its storage: the view must keep that offset.
        torch.Tensor batch = torch.rand(6, 1, 5, 7).narrow(0, 2, 3);
        torch.Tensor laidOut = ChannelsLast.Of(batch);
        Assert.Equal(new long[] { 3, 1, 5, 7 }, laidOut.shape);
        Assert.Equal(new long[] { 35, 1, 7, 1 }, laidOut.stride());
        Assert.True(laidOut.equal(batch).all().item<bool>());
    }

    [Fact]
    public void Several_channels_are_copied_once_and_an_already_channels_last_batch_is_not_copied_again()
    {
        Devices.TorchNative.EnsureLoaded();
        using var scope = torch.NewDisposeScope();
        torch.Tensor batch = torch.rand(2, 3, 4, 5);
        torch.Tensor laidOut = ChannelsLast.Of(batch);
        Assert.Equal(new long[] { 60, 1, 15, 3 }, laidOut.stride());
        Assert.True(laidOut.equal(batch).all().item<bool>());
        torch.Tensor again = ChannelsLast.Of(laidOut);
        Assert.Equal(new long[] { 60, 1, 15, 3 }, again.stride());
        Assert.Equal(laidOut.storage<float>().data_ptr(), again.storage<float>().data_ptr());
    }

    [Fact]
    public void A_tensor_that_is_not_an_image_batch_is_refused_with_its_shape()
    {
        Devices.TorchNative.EnsureLoaded();
        using var flat = torch.rand(2, 3);
        var error = Assert.Throws<ArgumentException>(() => ChannelsLast.Of(flat));
        Assert.Contains("(2, 3)", error.Message);
    }

    [Fact]
    public void Seed_cnn_convolution_reads_channels_last_and_the_model_computes_the_default_layout_result_and_gradients()
    {
        Devices.TorchNative.EnsureLoaded();
        torch.manual_seed(11);
        using var model = new ModelDsl.Models.Declarations.FashionCnn();
        var conv = (TorchSharp.Modules.Conv2d)model.named_children().Single(c => c.name == "conv2d_1").module;
        long[]? seenStrides = null;
        var hook = conv.register_forward_pre_hook((_, input) => { seenStrides = input.stride(); return input; });
        using var scope = torch.NewDisposeScope();
        torch.Tensor images = torch.rand(4, 1, 28, 28);
        torch.Tensor labels = torch.tensor(new long[] { 0, 3, 7, 9 });
        torch.nn.functional.cross_entropy(model.call(images), labels).backward();
        hook.remove();
        Assert.Equal(new long[] { 784, 1, 28, 1 }, seenStrides);

        // The same network in the default layout, written out with TorchSharp's functions on copies of the weights.
        var weights = model.named_parameters().ToDictionary(p => p.name, p => p.parameter.detach().clone().requires_grad_());
        torch.Tensor hidden = torch.nn.functional.relu(torch.nn.functional.conv2d(images, weights["conv2d_1.weight"], weights["conv2d_1.bias"]));
        Assert.Equal(new long[] { 21632, 676, 26, 1 }, hidden.stride());
        torch.Tensor logits = torch.nn.functional.linear(torch.nn.functional.max_pool2d(hidden, 2, 2).flatten(1), weights["dense_1.weight"], weights["dense_1.bias"]);
        torch.nn.functional.cross_entropy(logits, labels).backward();
        using (torch.no_grad())
            Assert.True(model.call(images).allclose(logits, 1e-5, 1e-5), "forward must compute what the default layout computes");
        foreach (var (name, parameter) in model.named_parameters())
            Assert.True(parameter.grad!.allclose(weights[name].grad!, 1e-5, 1e-6), $"{name}'s gradient differs from the default layout's");
    }

    [Fact]
    public void An_image_shaped_output_comes_back_in_the_default_layout()
    {
        GeneratorRun run = GeneratorHarness.Run("using ModelDsl;\nnamespace Layouts;\n[Model(3, 8, 8)][Conv2D(4, Kernel = 3)] public partial class FeatureMap { }");
        Assert.DoesNotContain(run.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Empty(run.CompilationErrors);
        Type type = GeneratorHarness.Load(run.Output, "layouts-feature-map").GetType("Layouts.FeatureMap")!;
        Devices.TorchNative.EnsureLoaded();
        using var module = (torch.nn.Module<torch.Tensor, torch.Tensor>)Activator.CreateInstance(type, [null])!;
        using var scope = torch.NewDisposeScope();
        torch.Tensor output = module.call(torch.rand(2, 3, 8, 8));
        Assert.Equal(new long[] { 2, 4, 6, 6 }, output.shape);
        Assert.Equal(new long[] { 144, 36, 6, 1 }, output.stride());
    }
}
