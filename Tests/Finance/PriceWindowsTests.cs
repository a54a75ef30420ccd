using ModelDsl.Models.Data;
using ModelDsl.Tests.Support;
using TorchSharp;

namespace ModelDsl.Tests.Finance;

/// <summary>Price features and windows: shapes, labels aligned to the next day, no look-ahead, and the CSV reader's errors.</summary>
public sealed class PriceWindowsTests
{
    public PriceWindowsTests() => ModelDsl.Devices.TorchNative.EnsureLoaded();

    private static double[] Zigzag(int days)
    {
        // A hand-made series whose direction pattern is irregular: up on days where t % 3 != 0 or t % 7 == 0.
        var closes = new double[days];
        closes[0] = 100;
        for (int t = 1; t < days; t++)
            closes[t] = closes[t - 1] * (t % 3 != 0 || t % 7 == 0 ? 1.01 : 0.985);
        return closes;
    }

    [Fact]
    public void Daily_features_are_log_return_volatilities_and_momentum_by_hand()
    {
        double[] closes = Zigzag(60);
        double[][] days = PriceWindows.DailyFeatures(closes);

        Assert.Equal(60 - 20, days.Length);
        // Row 0 is day 20: its log return, the population sd of the returns of days 16..20, and log(close20 / close10).
        double[] r = Enumerable.Range(16, 5).Select(t => Math.Log(closes[t] / closes[t - 1])).ToArray();
        double mean = r.Average();
        Assert.Equal(Math.Log(1.01), days[0][0], 12);            // day 20: 20 % 3 != 0 → up 1%
        Assert.Equal(Math.Sqrt(r.Average(v => (v - mean) * (v - mean))), days[0][1], 12);
        Assert.Equal(Math.Log(closes[20] / closes[10]), days[0][3], 12);
        Assert.Equal(Math.Log(1.01), days[1][0], 12);            // day 21: 21 % 7 == 0 → up
        Assert.Equal(Math.Log(0.985), days[4][0], 12);           // day 24: 24 % 3 == 0, 24 % 7 != 0 → down 1.5%
    }

    [Fact]
    public void Windows_have_the_documented_shape_and_chronological_split_sizes()
    {
        using PriceWindows.Splits splits = PriceWindows.Build(Zigzag(250));

        // 250 days → 230 feature days → 200 windows of 30: 70% / 15% / 15% in time order.
        Assert.Equal(new long[] { 140, 30, 4 }, splits.Train.Features.shape);
        Assert.Equal(new long[] { 30, 30, 4 }, splits.Validation.Features.shape);
        Assert.Equal(new long[] { 30, 30, 4 }, splits.Test.Features.shape);
        Assert.Equal(new long[] { 140 }, splits.Train.Labels.shape);
        Assert.Equal(30, splits.TestLabels.Length);
    }

    [Fact]
    public void Each_label_is_the_direction_of_the_day_after_the_window()
    {
        double[] closes = Zigzag(250);
        using PriceWindows.Splits splits = PriceWindows.Build(closes);
        long[] trainLabels = splits.Train.Labels.data<long>().ToArray();

        // Window w sees days w+20 … w+49; its label is day w+50 against day w+49.
        for (int w = 0; w < trainLabels.Length; w++)
            Assert.Equal(closes[w + 50] > closes[w + 49] ? 1L : 0L, trainLabels[w]);
        for (int w = 0; w < splits.TestLabels.Length; w++)
        {
            int global = 170 + w;
            Assert.Equal(closes[global + 50] > closes[global + 49] ? 1 : 0, splits.TestLabels[w]);
            Assert.Equal(closes[global + 49] > closes[global + 48] ? 1 : 0, splits.TestLastDirection[w]);
        }
        // The very last window is labelled with the very last day.
        Assert.Equal(closes[249] > closes[248] ? 1 : 0, splits.TestLabels[^1]);
    }

    [Fact]
    public void Latest_window_ends_at_the_last_day_one_day_after_the_last_test_window()
    {
        using PriceWindows.Splits splits = PriceWindows.Build(Zigzag(250));

        Assert.Equal(new long[] { 1, 30, 4 }, splits.LatestWindow.shape);
        // The last test window holds days 219..248; the latest window days 220..249: shifted by one day.
        float[] lastTest = splits.Test.Features[^1].data<float>().ToArray();
        float[] latest = splits.LatestWindow[0].data<float>().ToArray();
        Assert.Equal(lastTest[4..], latest[..^4]);
        Assert.NotEqual(lastTest[^4..], latest[^4..]);
    }

    [Fact]
    public void Changing_a_price_after_the_training_period_leaves_training_inputs_unchanged()
    {
        double[] closes = Zigzag(250);
        double[] changed = (double[])closes.Clone();
        for (int t = 240; t < 250; t++)
            changed[t] *= 3;

        using PriceWindows.Splits original = PriceWindows.Build(closes);
        using PriceWindows.Splits altered = PriceWindows.Build(changed);

        // Training windows must not depend on later prices, standardisation included.
        Assert.Equal(original.Train.Features.data<float>().ToArray(), altered.Train.Features.data<float>().ToArray());
        Assert.NotEqual(original.Test.Features.data<float>().ToArray(), altered.Test.Features.data<float>().ToArray());
    }

    [Fact]
    public void A_forecast_window_with_a_trained_scaling_depends_only_on_the_last_fifty_days()
    {
        double[] trainedOn = Zigzag(250);
        using PriceWindows.Splits training = PriceWindows.Build(trainedOn);
        // Same window as Build gives when the scaling is the one fitted there.
        using torch.Tensor same = PriceWindows.LatestWindow(trainedOn, training.Scaling);
        Assert.Equal(training.LatestWindow.data<float>().ToArray(), same.data<float>().ToArray());

        // Two new files that agree on their last 50 days but not before: the forecast input is the same.
        double[] recent = trainedOn[^50..];
        double[] longHistory = [.. Enumerable.Range(0, 300).Select(t => 40.0 + t % 11), .. recent];
        using torch.Tensor fromShort = PriceWindows.LatestWindow(recent, training.Scaling);
        using torch.Tensor fromLong = PriceWindows.LatestWindow(longHistory, training.Scaling);
        Assert.Equal(fromShort.data<float>().ToArray(), fromLong.data<float>().ToArray());

        var error = Assert.Throws<InvalidDataException>(() => PriceWindows.LatestWindow(recent[1..], training.Scaling));
        Assert.Contains("49 days", error.Message);
        Assert.Contains("at least 50", error.Message);
    }

    [Fact]
    public void A_series_too_short_for_three_splits_is_rejected_with_the_needed_length()
    {
        var error = Assert.Throws<InvalidDataException>(() => PriceWindows.Build(Zigzag(60)));
        Assert.Contains("60 days", error.Message);
        Assert.Contains("at least 70", error.Message);
        // 70 days = 20 warm-up days + 30 window days + 20 windows is the shortest series accepted.
        using PriceWindows.Splits shortest = PriceWindows.Build(Zigzag(70));
        Assert.Equal(20, shortest.Train.Count + shortest.Validation.Count + shortest.Test.Count);
    }

    [Fact]
    public void Csv_columns_match_ignoring_case_and_rows_are_put_in_date_order()
    {
        using var folder = new TemporaryFolder();
        string path = folder.Write("prices.csv", "Date,Open,CLOSE\n2020-01-03,1,12.5\n2020-01-01,1,10\n2020-01-02,1,11\n");

        Assert.Equal(new[] { 10.0, 11.0, 12.5 }, PriceWindows.ReadCloses(path));
    }

    [Fact]
    public void Missing_close_column_names_the_file_and_the_column()
    {
        using var folder = new TemporaryFolder();
        string path = folder.Write("prices.csv", "date,price\n2020-01-01,10\n");

        var error = Assert.Throws<InvalidDataException>(() => PriceWindows.ReadCloses(path));
        Assert.Contains(path, error.Message);
        Assert.Contains("'close'", error.Message);
    }

    [Fact]
    public void Unparsable_close_names_line_and_column()
    {
        using var folder = new TemporaryFolder();
        string path = folder.Write("prices.csv", "date,close\n2020-01-01,10\n2020-01-02,n/a\n");

        var error = Assert.Throws<InvalidDataException>(() => PriceWindows.ReadCloses(path));
        Assert.Contains($"{path}:3:", error.Message);
        Assert.Contains("'close'", error.Message);
        Assert.Contains("n/a", error.Message);
    }

    [Fact]
    public void Unparsable_date_and_non_positive_price_name_line_and_column()
    {
        using var folder = new TemporaryFolder();
        string badDate = folder.Write("dates.csv", "date,close\n2020-01-01,10\n2020-13-45,11\n");
        string negative = folder.Write("negative.csv", "date,close\n2020-01-01,10\n2020-01-02,11\n2020-01-03,-1\n");

        var dateError = Assert.Throws<InvalidDataException>(() => PriceWindows.ReadCloses(badDate));
        Assert.Contains($"{badDate}:3:", dateError.Message);
        Assert.Contains("'date'", dateError.Message);
        var priceError = Assert.Throws<InvalidDataException>(() => PriceWindows.ReadCloses(negative));
        Assert.Contains($"{negative}:4:", priceError.Message);
        Assert.Contains("positive", priceError.Message);
    }

    [SkippableFact]
    public void Reads_the_real_sp500_file()
    {
        string path = Path.Combine(RepositoryPaths.SharedData, "prices", "sp500-2000.csv");
        Skip.IfNot(File.Exists(path), $"{path} is absent");

        double[] closes = PriceWindows.ReadCloses(path);
        Assert.Equal(5105, closes.Length);
        Assert.Equal(1455.219971, closes[0], 6);
        Assert.Equal(2874.560059, closes[^1], 6);
        using PriceWindows.Splits splits = PriceWindows.Build(closes);
        Assert.Equal(5105 - 50, splits.Train.Count + splits.Validation.Count + splits.Test.Count);
    }
}
