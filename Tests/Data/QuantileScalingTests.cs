using System.Text;
using ModelDsl.Data;

namespace ModelDsl.Tests.Data;

/// <summary>
/// <c>[Scale(FeatureScale.Quantile)]</c> columns: values become their training rank mapped to zero mean and unit variance,
/// so one huge amount no longer squeezes the others together; the fitted quantiles travel in features.json.
/// </summary>
public sealed class QuantileScalingTests
{
    // 40 % zeros, then 1 … 5, and one outlier: standardised, 1 … 5 would all sit within 0.1 of each other.
    private static readonly double[] Paid = [0, 0, 0, 0, 1, 2, 3, 4, 5, 1_000_000];
    private static readonly double[] Age = [20, 30, 40, 50, 60, 20, 30, 40, 50, 60];

    private static FeatureScaling Fit() =>
        FeatureScaling.Fit("Client", ["Age", "Paid"], Paid.Length, (row, column) => column == 0 ? Age[row] : Paid[row], ["Paid"]);

    [Fact]
    public void A_quantile_column_is_scaled_by_rank_and_the_other_is_standardised()
    {
        FeatureScaling scaling = Fit();
        double half = Math.Sqrt(12) / 2;

        // Age stays standardised: mean 40, population sd sqrt(200).
        Assert.Equal((60 - 40) / Math.Sqrt(200), scaling.Standardize(0, 60), 5);
        // Quantiles 0 … 33 are 0 (position q/100·9 ≤ 3), so 0 takes the middle, 16.5 of 100: a rank of 0.165.
        Assert.Equal((0.165 - 0.5) * Math.Sqrt(12), scaling.Standardize(1, 0), 4);
        // Ranks rise with the value and stay bounded however large it is.
        float[] scaled = [.. new double[] { 1, 2, 3, 4, 5, 1_000_000 }.Select(v => scaling.Standardize(1, v))];
        Assert.Equal(scaled.Order(), scaled);
        Assert.Equal(half, scaling.Standardize(1, 1_000_000), 5);
        Assert.Equal(half, scaling.Standardize(1, 5e9), 5);
        Assert.Equal(-half, scaling.Standardize(1, -3), 5);
        Assert.True(scaled[1] - scaled[0] > 0.3, $"1 and 2 are {scaled[1] - scaled[0]} apart: the outlier squeezed them");
    }

    [Fact]
    public void The_quantiles_round_trip_through_json_and_a_different_scaling_is_refused()
    {
        FeatureScaling scaling = Fit();
        byte[] json = scaling.ToJson();

        FeatureScaling loaded = FeatureScaling.FromJson(json, "features.json", "Client", ["Age", "Paid"], ["Paid"]);
        Assert.Equal(scaling.Standardize(1, 2.5), loaded.Standardize(1, 2.5));

        var asStandard = Assert.Throws<InvalidDataException>(() => FeatureScaling.FromJson(json, "features.json", "Client", ["Age", "Paid"]));
        Assert.Equal("features.json: column 'Paid' is standardised but the statistics were fitted with quantiles.", asStandard.Message);

        byte[] standardOnly = FeatureScaling.Fit("Client", ["Age", "Paid"], Paid.Length, (row, column) => column == 0 ? Age[row] : Paid[row]).ToJson();
        Assert.DoesNotContain("Quantiles", Encoding.UTF8.GetString(standardOnly)); // files of standardised models are as before
        var asQuantile = Assert.Throws<InvalidDataException>(() => FeatureScaling.FromJson(standardOnly, "features.json", "Client", ["Age", "Paid"], ["Paid"]));
        Assert.Equal("features.json: column 'Paid' is scaled by quantiles ([Scale(FeatureScale.Quantile)]) but the statistics were fitted with standardisation.", asQuantile.Message);
    }
}
