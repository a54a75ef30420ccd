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

    /// <summary>A heatmap of a 2-D map (row 0 at the top).</summary>
    /// <param name="values">The map, indexed [row, column].</param>
    /// <param name="path">PNG file to write; its folder is created.</param>
    /// <param name="title">Chart title.</param>
    /// <param name="width">Image width in pixels.</param>
    /// <param name="height">Image height in pixels.</param>
    public static void Heatmap(float[,] values, string path, string title, int width = 500, int height = 500)
    {
        ArgumentNullException.ThrowIfNull(values);
        var plot = new ScottPlot.Plot();
        var data = new double[values.GetLength(0), values.GetLength(1)];
        for (int y = 0; y < values.GetLength(0); y++)
            for (int x = 0; x < values.GetLength(1); x++)
                data[y, x] = values[y, x];
        plot.Add.Heatmap(data);
        plot.Title(title);
        Save(plot, path, width, height);
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
