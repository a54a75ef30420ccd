using TorchSharp;

namespace ModelDsl.Explain;

/// <summary>Gradient saliency: how strongly each input pixel moves the predicted class's score, |∂ score / ∂ pixel|.</summary>
public static class GradientSaliency
{
    /// <summary>Saliency of one image <c>[1, channels, height, width]</c> (max over channels) and the class it was computed for.</summary>
    public static (float[,] Map, int PredictedClass) Compute(torch.nn.Module<torch.Tensor, torch.Tensor> model, torch.Tensor image, torch.Device device)
    {
        bool wasTraining = model.training;
        model.eval();
        try
        {
            using var scope = torch.NewDisposeScope();
            torch.Tensor input = image.to(device).detach().requires_grad_(true);
            torch.Tensor scores = model.call(input);
            int predicted = (int)scores.argmax(1).item<long>();
            scores[0, predicted].backward();
            torch.Tensor map = input.grad!.abs().amax([1]).squeeze(0).cpu();
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
