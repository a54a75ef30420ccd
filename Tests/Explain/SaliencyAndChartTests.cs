using System.Buffers.Binary;
using ModelDsl.Explain;
using ModelDsl.Tests.Finance;
using ModelDsl.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace ModelDsl.Tests.Explain;

/// <summary>Gradient saliency values and the PNG/table outputs of explanations.</summary>
public sealed class SaliencyAndChartTests
{
    public SaliencyAndChartTests() => ModelDsl.Devices.TorchNative.EnsureLoaded();

    [Fact]
    public void Saliency_of_a_linear_image_model_is_the_absolute_weight_of_the_predicted_class()
    {
        using var model = nn.Sequential(nn.Flatten(), nn.Linear(6, 2));
        float[] weights = [0.1f, -0.2f, 0.3f, -0.4f, 0.5f, -0.6f, 1, 1, 1, 1, 1, 1];
        using (torch.no_grad())
        {
            ((TorchSharp.Modules.Linear)model[1]).weight!.copy_(torch.tensor(weights, [2, 6]));
            ((TorchSharp.Modules.Linear)model[1]).bias!.zero_();
        }
        // A 2×3 image of ones: class 1 scores 6, class 0 scores −0.3, so class 1 is predicted.
        using Tensor image = torch.ones(1, 1, 2, 3);

        (float[,] map, int predicted) = GradientSaliency.Compute(model, image, torch.CPU);

        Assert.Equal(1, predicted);
        Assert.Equal(2, map.GetLength(0));
        Assert.Equal(3, map.GetLength(1));
        foreach (int y in new[] { 0, 1 })
            foreach (int x in new[] { 0, 1, 2 })
                Assert.Equal(1f, map[y, x], 6);

        // With a negative image class 0 wins (it scores +0.3 vs −6); the map is then |w₀|, row-major.
        (float[,] negativeMap, int negativePrediction) = GradientSaliency.Compute(model, -image, torch.CPU);
        Assert.Equal(0, negativePrediction);
        Assert.Equal(0.4f, negativeMap[1, 0], 6);
        Assert.Equal(0.6f, negativeMap[1, 2], 6);
    }

    [Fact]
    public void Saliency_of_one_input_of_two_holds_the_other_at_its_value_and_maps_the_image_alone()
    {
        // Class scores: a linear map of the 1×2×3 image plus a linear map of a 2-vector "rates"; the rates decide which
        // class wins, and the image map is then that class's image weights, absolute, row-major (one channel).
        using var image = nn.Linear(6, 2);
        using var rates = nn.Linear(2, 2);
        using (torch.no_grad())
        {
            image.weight!.copy_(torch.tensor(new float[] { 0.1f, -0.2f, 0.3f, -0.4f, 0.5f, -0.6f, 0.7f, 0.8f, -0.9f, 1.0f, -1.1f, 1.2f }, [2, 6]));
            image.bias!.zero_();
            rates.weight!.copy_(torch.tensor(new float[] { 10, 0, 0, 10 }, [2, 2]));
            rates.bias!.zero_();
        }
        using var model = nn.ModuleDict(("image", image), ("rates", rates));
        Tensor Forward(ModelDsl.Data.ModelInputs inputs) => image.call(inputs["chart"].flatten(1)) + rates.call(inputs["rates"]);
        using Tensor chart = torch.ones(1, 1, 2, 3);

        using (var favourFirst = new ModelDsl.Data.ModelInputs(("rates", torch.tensor(new float[] { 1, 0 }, [1, 2])), ("chart", chart.alias())))
        {
            (float[,] map, int predicted) = GradientSaliency.Compute(model, Forward, favourFirst, "chart", torch.CPU);
            Assert.Equal(0, predicted);
            Assert.Equal(new[] { 0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f }, map.Cast<float>().Select(v => MathF.Round(v, 5)));
        }
        using (var favourSecond = new ModelDsl.Data.ModelInputs(("rates", torch.tensor(new float[] { 0, 1 }, [1, 2])), ("chart", chart.alias())))
        {
            (float[,] map, int predicted) = GradientSaliency.Compute(model, Forward, favourSecond, "chart", torch.CPU);
            Assert.Equal(1, predicted);
            Assert.Equal(new[] { 0.7f, 0.8f, 0.9f, 1.0f, 1.1f, 1.2f }, map.Cast<float>().Select(v => MathF.Round(v, 5)));
            // The caller's tensors survive the explanation.
            Assert.Equal(1f, favourSecond["chart"].sum().item<float>() / 6);
            var error = Assert.Throws<ArgumentException>(() => GradientSaliency.Compute(model, Forward, favourSecond, "rates", torch.CPU));
            Assert.Contains("'rates' has shape [1, 2]", error.Message);
            Assert.Throws<ArgumentException>(() => GradientSaliency.Compute(model, Forward, favourSecond, "prices", torch.CPU));
        }
    }

    [Fact]
    public void Saliency_heatmap_png_has_the_requested_pixel_size()
    {
        using var folder = new TemporaryFolder();
        string path = Path.Combine(folder.Path, "charts", "saliency.png");
        var map = new float[28, 28];
        map[14, 14] = 1;

        ChartWriter.Heatmap(map, path, "saliency", width: 320, height: 240);

        Assert.Equal((320, 240), PngSize(path));
    }

    [Fact]
    public void Importance_bar_chart_png_has_the_requested_pixel_size()
    {
        using var folder = new TemporaryFolder();
        string path = Path.Combine(folder.Path, "importance.png");

        ChartWriter.Bars([("DebtToIncome", 0.2), ("NoiseScore", 0.001)], path, "importance", width: 640, height: 360);

        Assert.Equal((640, 360), PngSize(path));
        Assert.Throws<ArgumentException>(() => ChartWriter.Bars([], path, "empty"));
    }

    [Fact]
    public void Importance_table_lists_features_in_rank_order_with_values()
    {
        string table = ImportanceTable.Render([new("DebtToIncome", 0.21234, 0.01), new("NoiseScore", -0.0005, 0.0002)], "ROC AUC");

        Assert.Contains("drop in ROC AUC", table);
        int first = table.IndexOf("DebtToIncome", StringComparison.Ordinal), second = table.IndexOf("NoiseScore", StringComparison.Ordinal);
        Assert.True(first >= 0 && second > first, table);
        Assert.Contains("0.2123", table);
        Assert.Contains("-0.0005", table);
        Assert.DoesNotContain("\u001b[", table);
    }

    internal static (int Width, int Height) PngSize(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        // PNG signature, then the IHDR chunk: width and height are big-endian at offsets 16 and 20.
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);
        return (BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16, 4)), BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20, 4)));
    }
}
