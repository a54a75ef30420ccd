using ModelDsl.Data;
using ModelDsl.Devices;
using ModelDsl.Training;
using TorchSharp;

namespace ModelDsl.Tests.Training;

public sealed class GradientClippingTests
{
    private static float[] Weights(TinyRegressorTrainer trainer) =>
        trainer.Model.parameters().SelectMany(p => p.detach().data<float>().ToArray()).ToArray();

    private static double StepSize(double clipNorm)
    {
        TorchNative.EnsureLoaded();
        // One plain-SGD step (learning rate 1, one batch): the weights move by exactly the (clipped) gradient.
        var options = TinyRegressorTrainer.DefaultOptions with
        {
            Device = "cpu",
            Epochs = 1,
            BatchSize = 4,
            LearningRate = 1.0,
            Momentum = 0,
            GradientClipNorm = clipNorm,
        };
        using var trainer = TinyRegressorTrainer.Create(options);
        // Targets far from the initial predictions give a gradient norm far above the clip threshold.
        using var data = new InMemoryDataset(torch.ones(4, 3), torch.full([4], 100f));
        float[] before = Weights(trainer);
        trainer.Fit(data);
        float[] after = Weights(trainer);
        return Math.Sqrt(before.Zip(after, (a, b) => (double)(a - b) * (a - b)).Sum());
    }

    [Fact]
    public void Clipping_limits_the_global_gradient_norm_of_a_step()
    {
        Assert.Equal(0.5, StepSize(0.5), 4);
        Assert.True(StepSize(0) > 10, "without clipping the same step is large");
    }
}
