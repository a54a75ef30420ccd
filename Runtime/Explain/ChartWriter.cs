namespace ModelDsl.Explain;

/// <summary>PNG charts for explanations (ScottPlot).</summary>
public static class ChartWriter
{
    /// <summary>A horizontal bar chart of importances, largest on top.</summary>
    /// <param name="items">Labels and values, in ranking order (the first is drawn on top).</param>
    /// <param name="path">PNG file to write; its folder is created.</param>
    /// <param name="title">Chart title.</param>
    /// <param name="width">Image width in pixels.</param>
    /// <param name="height">Image height in pixels; by default it grows with the number of bars.</param>
    public static void Bars(IReadOnlyList<(string Label, double Value)> items, string path, string title, int width = 800, int? height = null)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (items.Count == 0)
            throw new ArgumentException("A bar chart needs at least one item.", nameof(items));
        var plot = new ScottPlot.Plot();
        var ordered = items.Reverse().ToList();
        var bars = ordered.Select((item, i) => new ScottPlot.Bar { Position = i, Value = item.Value }).ToList();
        var series = plot.Add.Bars(bars);
        series.Horizontal = true;
        plot.Axes.Left.SetTicks(ordered.Select((_, i) => (double)i).ToArray(), ordered.Select(item => item.Label).ToArray());
        plot.Title(title);
        Save(plot, path, width, height ?? Math.Max(300, 40 * items.Count + 120));
    }

    /// <summary>A heatmap of a 2-D map (row 0 at the top), with a colour bar.</summary>
    /// <param name="values">The map, indexed [row, column].</param>
    /// <param name="path">PNG file to write; its folder is created.</param>
    /// <param name="title">Chart title.</param>
    /// <param name="width">Image width in pixels.</param>
    /// <param name="height">Image height in pixels.</param>
    public static void Heatmap(float[,] values, string path, string title, int width = 500, int height = 500)
    {
        ArgumentNullException.ThrowIfNull(values);
        var plot = new ScottPlot.Plot();
        var heatmap = AddMap(plot, values, new ScottPlot.Colormaps.Turbo());
        plot.Add.ColorBar(heatmap);
        PixelAxes(plot, values);
        plot.Title(title);
        Save(plot, path, width, height);
    }

    /// <summary>
    /// A saliency map over the image it explains: the image in grey underneath, the map on top in a semi-transparent
    /// colour scale, a colour bar for the map's values, a legend naming both layers, and axes in pixel indices
    /// (0 … width−1, row 0 at the top).
    /// </summary>
    /// <param name="image">The input image, indexed [row, column] (any range; drawn from black to white).</param>
    /// <param name="saliency">The map, the same size as <paramref name="image"/>.</param>
    /// <param name="path">PNG file to write; its folder is created.</param>
    /// <param name="title">Chart title.</param>
    /// <param name="mapName">What the map's values are, for the colour bar and legend.</param>
    /// <param name="width">Image width in pixels.</param>
    /// <param name="height">Image height in pixels.</param>
    /// <exception cref="ArgumentException">The map and the image differ in size.</exception>
    public static void Saliency(float[,] image, float[,] saliency, string path, string title, string mapName = "saliency",
        int width = 600, int height = 500) =>
        Save(SaliencyPlot(image, saliency, title, mapName), path, width, height);

    /// <summary>How opaque the saliency layer is over the image.</summary>
    internal const double MapOpacity = 0.55;

    /// <summary>The chart <see cref="Saliency"/> draws, for tests to inspect.</summary>
    internal static ScottPlot.Plot SaliencyPlot(float[,] image, float[,] saliency, string title, string mapName)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(saliency);
        if (image.GetLength(0) != saliency.GetLength(0) || image.GetLength(1) != saliency.GetLength(1))
            throw new ArgumentException(
                $"The saliency map is {saliency.GetLength(0)}×{saliency.GetLength(1)} but the image is {image.GetLength(0)}×{image.GetLength(1)}.", nameof(saliency));
        var plot = new ScottPlot.Plot();
        AddMap(plot, image, new ScottPlot.Colormaps.Grayscale());
        // The map's weakest tenth is left out (transparent) and the rest is semi-transparent, so the image stays visible
        // under the colours where the model does not look and shows through where it does.
        float strongest = saliency.Cast<float>().Where(float.IsFinite).DefaultIfEmpty(0).Max();
        var shown = new float[saliency.GetLength(0), saliency.GetLength(1)];
        for (int y = 0; y < shown.GetLength(0); y++)
            for (int x = 0; x < shown.GetLength(1); x++)
                shown[y, x] = saliency[y, x] >= 0.1f * strongest && strongest > 0 ? saliency[y, x] : float.NaN;
        var map = AddMap(plot, shown, new ScottPlot.Colormaps.Turbo());
        map.NaNCellColor = ScottPlot.Colors.Transparent;
        map.Opacity = MapOpacity;
        var colorBar = plot.Add.ColorBar(map);
        colorBar.Label = mapName;
        plot.Legend.ManualItems.Add(new ScottPlot.LegendItem { LabelText = "input image (grey)", FillColor = ScottPlot.Colors.Gray });
        plot.Legend.ManualItems.Add(new ScottPlot.LegendItem { LabelText = $"{mapName}, where at least 10 % of its maximum (colour)", FillColor = ScottPlot.Colors.Orange });
        plot.ShowLegend(ScottPlot.Edge.Bottom);
        PixelAxes(plot, image);
        plot.Title(title);
        return plot;
    }

    private static ScottPlot.Plottables.Heatmap AddMap(ScottPlot.Plot plot, float[,] values, ScottPlot.IColormap colormap)
    {
        var data = new double[values.GetLength(0), values.GetLength(1)];
        for (int y = 0; y < values.GetLength(0); y++)
            for (int x = 0; x < values.GetLength(1); x++)
                data[y, x] = values[y, x];
        var heatmap = plot.Add.Heatmap(data);
        heatmap.Colormap = colormap;
        // One cell per pixel, centred on its index: column x covers x−0.5 … x+0.5, so the ticks read pixel indices.
        // Row 0 is drawn at the extent's first y edge, which the inverted y axis (see PixelAxes) puts at the top.
        heatmap.Extent = new ScottPlot.CoordinateRect(-0.5, values.GetLength(1) - 0.5, -0.5, values.GetLength(0) - 0.5);
        return heatmap;
    }

    // Exactly the pixels, no autoscale margin (which showed rows −2 … 28), and row 0 at the top as in the image.
    private static void PixelAxes(ScottPlot.Plot plot, float[,] values)
    {
        plot.Axes.SetLimits(-0.5, values.GetLength(1) - 0.5, values.GetLength(0) - 0.5, -0.5);
    }

    private static void Save(ScottPlot.Plot plot, string path, int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
            Directory.CreateDirectory(folder);
        plot.SavePng(path, width, height);
    }
}
