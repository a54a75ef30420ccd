namespace ModelDsl.Explain;

/// <summary>PNG charts for explanations (ScottPlot).</summary>
public static class ChartWriter
{
    /// <summary>A horizontal bar chart of importances, largest on top.</summary>
    public static void Bars(IReadOnlyList<(string Label, double Value)> items, string path, string title)
    {
        var plot = new ScottPlot.Plot();
        var ordered = items.Reverse().ToList();
        var bars = ordered.Select((item, i) => new ScottPlot.Bar { Position = i, Value = item.Value }).ToList();
        var series = plot.Add.Bars(bars);
        series.Horizontal = true;
        plot.Axes.Left.SetTicks(ordered.Select((_, i) => (double)i).ToArray(), ordered.Select(item => item.Label).ToArray());
        plot.Title(title);
        Save(plot, path, 800, Math.Max(300, 40 * items.Count + 120));
    }

    /// <summary>A heatmap of a 2-D map (row 0 at the top).</summary>
    public static void Heatmap(float[,] values, string path, string title)
    {
        var plot = new ScottPlot.Plot();
        var data = new double[values.GetLength(0), values.GetLength(1)];
        for (int y = 0; y < values.GetLength(0); y++)
            for (int x = 0; x < values.GetLength(1); x++)
                data[y, x] = values[y, x];
        plot.Add.Heatmap(data);
        plot.Title(title);
        Save(plot, path, 500, 500);
    }

    private static void Save(ScottPlot.Plot plot, string path, int width, int height)
    {
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
            Directory.CreateDirectory(folder);
        plot.SavePng(path, width, height);
    }
}
