using System.Text;
using ModelDsl.Data;

namespace ModelDsl.Tests.Data;

/// <summary>
/// <c>[Scale(FeatureScale.Robust)]</c> columns: <c>(value − median) ÷ interquartile range</c> fitted on the training rows,
/// quartiles interpolated between order statistics (NumPy's default), a range of 0 counted as 1; saved in features.json.
/// </summary>
public sealed class RobustScalingTests
{
    // Amount: an outlier the median and quartiles ignore. Zeros: constant in its middle half, so its range is 0.
    private static readonly double[] Amount = [4, 1, 100, 3, 2];
    private static readonly double[] Zeros = [0, 0, 5, 0, 0];
    private static readonly double[] Age = [20, 30, 40, 50, 60];

    private static FeatureScaling Fit() =>
        FeatureScaling.Fit("Client", ["Age", "Amount", "Zeros"], Amount.Length,
            (row, column) => column switch { 0 => Age[row], 1 => Amount[row], _ => Zeros[row] }, robustColumns: ["Amount", "Zeros"]);

    [Fact]
    public void A_robust_column_is_centred_on_the_median_and_divided_by_the_interquartile_range()
    {
        FeatureScaling scaling = Fit();

        // Sorted 1 2 3 4 100: median 3; the quartiles sit at positions 1 and 3 (p · (n − 1)), 2 and 4, so the range is 2.
        Assert.Equal(new RobustScale(3, 2), scaling.Robust![1]);
        Assert.Equal((100 - 3) / 2.0, scaling.Standardize(1, 100), 5);
        Assert.Equal((1 - 3) / 2.0, scaling.Standardize(1, 1), 5);
        // 0 0 0 0 5: median and both quartiles 0, so the range counts as 1 and values are only centred.
        Assert.Equal(new RobustScale(0, 1), scaling.Robust[2]);
        Assert.Equal(5f, scaling.Standardize(2, 5));
        // Age is not robust: standardised with mean 40 and population sd sqrt(200).
        Assert.Null(scaling.Robust[0]);
        Assert.Equal((60 - 40) / Math.Sqrt(200), scaling.Standardize(0, 60), 5);
    }

    [Fact]
    public void An_even_count_interpolates_between_the_middle_values()
    {
        double[] values = [10, 40, 20, 30];
        FeatureScaling scaling = FeatureScaling.Fit("Client", ["Paid"], values.Length, (row, _) => values[row], robustColumns: ["Paid"]);

        // Sorted 10 20 30 40: the median at position 1.5 is 25; the quartiles at 0.75 and 2.25 are 17.5 and 32.5.
        Assert.Equal(new RobustScale(25, 15), scaling.Robust![0]);
        Assert.Equal((40 - 25) / 15.0, scaling.Standardize(0, 40), 5);
    }

    [Fact]
    public void The_statistics_round_trip_through_json_and_another_scaling_is_refused()
    {
        byte[] json = Fit().ToJson();
        Assert.Contains("\"InterquartileRange\"", Encoding.UTF8.GetString(json));

        FeatureScaling loaded = FeatureScaling.FromJson(json, "features.json", "Client", ["Age", "Amount", "Zeros"], robustColumns: ["Amount", "Zeros"]);
        Assert.Equal(Fit().Standardize(1, 7), loaded.Standardize(1, 7));

        var asStandard = Assert.Throws<InvalidDataException>(() =>
            FeatureScaling.FromJson(json, "features.json", "Client", ["Age", "Amount", "Zeros"], robustColumns: ["Zeros"]));
        Assert.Equal("features.json: column 'Amount' is not scaled robustly but the statistics hold a median and interquartile range for it.", asStandard.Message);

        byte[] standardOnly = FeatureScaling.Fit("Client", ["Age"], Age.Length, (row, _) => Age[row]).ToJson();
        Assert.DoesNotContain("Robust", Encoding.UTF8.GetString(standardOnly)); // files of standardised models are as before
        var asRobust = Assert.Throws<InvalidDataException>(() => FeatureScaling.FromJson(standardOnly, "features.json", "Client", ["Age"], robustColumns: ["Age"]));
        Assert.Equal("features.json: column 'Age' is scaled robustly ([Scale(FeatureScale.Robust)]) but the statistics were fitted without a median and interquartile range.", asRobust.Message);
    }

    [Fact]
    public void A_column_cannot_be_both_quantile_and_robust()
    {
        var both = Assert.Throws<ArgumentException>(() =>
            FeatureScaling.Fit("Client", ["Age"], Age.Length, (row, _) => Age[row], ["Age"], ["Age"]));
        Assert.StartsWith("Column 'Age' of Client cannot be scaled both by quantiles and robustly.", both.Message);
    }
}
