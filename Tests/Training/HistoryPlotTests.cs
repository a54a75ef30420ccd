using ModelDsl.Tests.Support;
using ModelDsl.Training;

namespace ModelDsl.Tests.Training;

/// <summary>The history chart: legend outside the curves, whole-epoch ticks, the restored epoch marked.</summary>
public sealed class HistoryPlotTests
{
    private static TrainingHistory ThreeEpochs(int? restored)
    {
        var history = new TrainingHistory(Enumerable.Range(1, 3).Select(e =>
            new EpochRecord(e, [new("loss", 1.0 / e), new("accuracy", 0.5 + 0.1 * e), new("val_loss", 1.2 / e)], 1e-3, 1)));
        history.RestoredEpoch = restored;
        return history;
    }

    [Fact]
    public void Ticks_fall_on_whole_epochs_and_the_legend_sits_below_the_chart()
    {
        ScottPlot.Plot plot = ThreeEpochs(restored: null).CreatePlot("h");
        using var folder = new TemporaryFolder();
        plot.SavePng(Path.Combine(folder.Path, "h.png"), 800, 560);   // ticks are generated when the plot is drawn

        ScottPlot.Tick[] ticks = plot.Axes.Bottom.TickGenerator.Ticks.Where(t => t.IsMajor).ToArray();
        Assert.Equal(["1", "2", "3"], ticks.Select(t => t.Label));
        Assert.All(ticks, t => Assert.Equal(Math.Round(t.Position), t.Position, 9));
        Assert.False(plot.Legend.IsVisible, "a legend inside the data area covers the last epochs");
        Assert.Contains(plot.Axes.GetPanels(), p => p is ScottPlot.Panels.LegendPanel { Edge: ScottPlot.Edge.Bottom });
        Assert.DoesNotContain(plot.GetPlottables(), p => p is ScottPlot.Plottables.VerticalLine);
    }

    [Fact]
    public void The_restored_epoch_is_a_labelled_vertical_line()
    {
        ScottPlot.Plot plot = ThreeEpochs(restored: 2).CreatePlot("h");

        var marker = Assert.Single(plot.GetPlottables().OfType<ScottPlot.Plottables.VerticalLine>());
        Assert.Equal(2, marker.X);
        Assert.Equal("restored best weights (epoch 2)", marker.LegendText);
        Assert.Equal("epoch 2", marker.LabelText);
    }
}
