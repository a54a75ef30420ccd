using ModelDsl.Data;
using TorchSharp;

namespace ModelDsl.Explain;

/// <summary>Gradient saliency: how strongly each input pixel moves the predicted class's score, |∂ score / ∂ pixel|.</summary>
public static class GradientSaliency
{
    /// <summary>Saliency of one image <c>[1, channels, height, width]</c> (max over channels) and the class it was computed for.</summary>
    public static (float[,] Map, int PredictedClass) Compute(torch.nn.Module<torch.Tensor, torch.Tensor> model, torch.Tensor image, torch.Device device)
    {
        using var inputs = ModelInputs.Single(image.alias());
        return Compute(model, batch => model.call(batch[0]), inputs, ModelInputs.DefaultName, device);
    }

    /// <summary>
    /// Saliency of the image input <paramref name="image"/> of a model with several inputs (a chart and its price series,
    /// say), for one example: the other inputs are held at their values, and the map is taken over the image alone.
    /// </summary>
    /// <param name="model">The module, put in eval mode for the pass (dropout off) and restored after.</param>
    /// <param name="forward">The model on a batch of named inputs (e.g. a trainer's forward), returning class scores.</param>
    /// <param name="inputs">One example of every input; the image is <c>[1, channels, height, width]</c>.</param>
    /// <param name="image">The name of the image input to explain.</param>
    /// <param name="device">Where the model's parameters are.</param>
    /// <exception cref="ArgumentException">There is no input of that name, it is not one image, or there is not exactly one example.</exception>
    public static (float[,] Map, int PredictedClass) Compute(torch.nn.Module model, Func<ModelInputs, torch.Tensor> forward, ModelInputs inputs, string image, torch.Device device)
    {
        ArgumentNullException.ThrowIfNull(forward);
        ArgumentNullException.ThrowIfNull(inputs);
        if (!inputs.Contains(image))
            throw new ArgumentException($"There is no input named '{image}' to explain; the inputs are {ModelInputs.Describe(inputs.Names)}.", nameof(image));
        if (inputs.Rows != 1)
            throw new ArgumentException($"Saliency explains one example; the inputs hold {inputs.Rows}.", nameof(inputs));
        if (inputs[image].dim() != 4)
            throw new ArgumentException($"Input '{image}' has shape [{string.Join(", ", inputs[image].shape)}]; saliency maps an image [1, channels, height, width].", nameof(image));
        bool wasTraining = model.training;
        model.eval();
        try
        {
            using var scope = torch.NewDisposeScope();
            torch.Tensor pixels = inputs[image].to(device).detach().requires_grad_(true);
            // Aliases, so disposing these inputs leaves the caller's tensors alone.
            using ModelInputs moved = inputs.Map(t => t.to(device).alias());
            using ModelInputs onDevice = moved.With(image, pixels.alias());
            torch.Tensor scores = forward(onDevice);
            int predicted = (int)scores.argmax(1).item<long>();
            scores[0, predicted].backward();
            torch.Tensor map = pixels.grad!.abs().amax([1]).squeeze(0).cpu();
            long height = map.shape[0], width = map.shape[1];
            float[] values = map.data<float>().ToArray();
            var result = new float[height, width];
            for (long y = 0; y < height; y++)
                for (long x = 0; x < width; x++)
                    result[y, x] = values[y * width + x];
            return (result, predicted);
        }
        finally
        {
            model.train(wasTraining);
        }
    }
}
