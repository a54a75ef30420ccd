using ModelDsl.Explain;
using ModelDsl.Tests.Support;

namespace ModelDsl.Tests.Explain;

/// <summary>The saliency chart: the map over its image, a colour bar, a legend, axes in pixel indices.</summary>
public sealed class SaliencyChartTests
{
    private static (float[,] Image, float[,] Map) Sample()
    {
        var image = new float[28, 28];
        var map = new float[28, 28];
        for (int y = 0; y < 28; y++)
            for (int x = 0; x < 28; x++)
            {
                image[y, x] = x is > 8 and < 20 ? 1 : 0;   // a bright vertical bar: a trouser, say
                map[y, x] = (float)Math.Exp(-((y - 6) * (y - 6) + (x - 14) * (x - 14)) / 20.0);
            }
        return (image, map);
    }

    [Fact]
    public void The_image_lies_under_a_semi_transparent_map_with_a_colour_bar_and_a_legend()
    {
        (float[,] image, float[,] map) = Sample();
        ScottPlot.Plot plot = ChartWriter.SaliencyPlot(image, map, "test image 0", "saliency");

        var layers = plot.GetPlottables().OfType<ScottPlot.Plottables.Heatmap>().ToArray();
        Assert.Equal(2, layers.Length);
        Assert.Equal(image[3, 10], layers[0].Intensities[3, 10]);   // drawn first: underneath
        Assert.Equal(map[6, 14], layers[1].Intensities[6, 14]);
        Assert.True(double.IsNaN(layers[1].Intensities[27, 0]), "the weakest saliency is left transparent over the image");
        Assert.InRange(layers[1].Opacity, 0.2, 0.8);
        Assert.Equal(1.0, layers[0].Opacity);
        var colorBar = Assert.Single(plot.Axes.GetPanels().OfType<ScottPlot.Panels.ColorBar>());
        Assert.Same(layers[1], colorBar.Source);
        Assert.Equal(["input image (grey)", "saliency, where at least 10 % of its maximum (colour)"], plot.Legend.ManualItems.Select(i => i.LabelText));
    }

    [Fact]
    public void The_axes_cover_exactly_the_pixels_with_row_0_at_the_top_and_the_png_is_valid()
    {
        (float[,] image, float[,] map) = Sample();
        using var folder = new TemporaryFolder();
        string path = Path.Combine(folder.Path, "saliency-0.png");
        ScottPlot.Plot plot = ChartWriter.SaliencyPlot(image, map, "test image 0", "saliency");
        plot.SavePng(path, 600, 500);

        ScottPlot.AxisLimits limits = plot.Axes.GetLimits();
        Assert.Equal(-0.5, limits.Left, 6);
        Assert.Equal(27.5, limits.Right, 6);
        Assert.Equal(-0.5, limits.Top, 6);      // row 0 at the top, as in the image
        Assert.Equal(27.5, limits.Bottom, 6);
        Assert.All(plot.Axes.Left.TickGenerator.Ticks.Where(t => t.IsMajor), t => Assert.InRange(t.Position, 0, 27));
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A], File.ReadAllBytes(path)[..8]);

        Assert.Throws<ArgumentException>(() => ChartWriter.SaliencyPlot(image, new float[14, 14], "t", "s"));
    }

    [Fact]
    public void Written_chart_is_a_png_at_the_requested_size()
    {
        (float[,] image, float[,] map) = Sample();
        using var folder = new TemporaryFolder();
        string path = Path.Combine(folder.Path, "charts", "s.png");
        ChartWriter.Saliency(image, map, path, "t", width: 400, height: 300);
        Assert.Equal((400, 300), SaliencyAndChartTests.PngSize(path));
    }
}
