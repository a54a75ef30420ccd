using ModelDsl.Data;
using ModelDsl.Devices;

namespace ModelDsl.Tests.Data;

public sealed class TimeSeriesWindowsTests
{
    [Fact]
    public void Windows_slide_over_the_series_and_label_the_next_values()
    {
        TorchNative.EnsureLoaded();
        float[] series = [10, 11, 12, 13, 14, 15];
        using var data = TimeSeriesWindows.Create(series, window: 3, horizon: 2);
        // Starts 0, 1: [10 11 12]→[13 14], [11 12 13]→[14 15].
        Assert.Equal(2, data.Count);
        Assert.Equal([3L, 1], data.ExampleShape);
        Assert.Equal([10f, 11, 12, 11, 12, 13], data.Features.data<float>().ToArray());
        Assert.Equal([13f, 14, 14, 15], data.Labels.data<float>().ToArray());
    }

    [Fact]
    public void Multi_column_series_label_the_target_column_with_a_stride()
    {
        TorchNative.EnsureLoaded();
        var series = new float[7, 2];
        for (int t = 0; t < 7; t++) { series[t, 0] = t; series[t, 1] = 100 + t; }
        using var data = TimeSeriesWindows.Create(series, window: 2, horizon: 1, targetColumn: 1, stride: 2);
        // Starts 0, 2, 4 → labels at t = 2, 4, 6 from column 1.
        Assert.Equal([102f, 104, 106], data.Labels.data<float>().ToArray());
        Assert.Equal([2L, 2], data.ExampleShape);
    }

    [Fact]
    public void Too_short_series_says_how_long_it_must_be()
    {
        var error = Assert.Throws<ArgumentException>(() => TimeSeriesWindows.Create([1f, 2, 3], window: 3, horizon: 1));
        Assert.StartsWith("The series has 3 time steps but one window of 3 plus a horizon of 1 needs at least 4.", error.Message);
    }
}
