using ModelDsl.Models.Data;
using ModelDsl.Tests.Support;

namespace ModelDsl.Tests.Finance;

/// <summary>The credit featurizer: standardisation by hand, one-hot layout matching the explanation groups, saved statistics.</summary>
public sealed class CreditFeaturizerTests
{
    private static readonly LoanApplication Low = new(1000, 10, 0.2, 2, 0, HomeOwnership.Rent, LoanPurpose.Car, false, 1, 10);
    private static readonly LoanApplication High = new(3000, 30, 0.4, 6, 2, HomeOwnership.Own, LoanPurpose.Vacation, true, 5, 30);

    [Fact]
    public void Numbers_are_standardised_with_training_statistics_and_enums_one_hot()
    {
        CreditFeaturizer featurizer = CreditFeaturizer.Fit([Low, High]);

        // Two values each: mean halfway, population sd half the gap, so the rows standardise to −1 and +1.
        float[] low = featurizer.Transform(Low), high = featurizer.Transform(High);
        Assert.Equal(new float[] { -1, -1, -1, -1, -1, -1, -1 }, low[..7]);
        Assert.Equal(new float[] { 1, 1, 1, 1, 1, 1, 1 }, high[..7]);
        Assert.Equal(0f, low[7]);
        Assert.Equal(1f, high[7]);
        Assert.Equal(new float[] { 1, 0, 0 }, low[8..11]);             // Rent
        Assert.Equal(new float[] { 0, 0, 1 }, high[8..11]);            // Own
        Assert.Equal(new float[] { 0, 1, 0, 0, 0 }, low[11..16]);      // Car
        Assert.Equal(new float[] { 0, 0, 0, 0, 1 }, high[11..16]);     // Vacation
    }

    [Fact]
    public void Explanation_groups_cover_every_column_once_and_name_every_record_property()
    {
        long[] columns = CreditFeaturizer.Groups.SelectMany(g => g.Columns).Order().ToArray();
        Assert.Equal(Enumerable.Range(0, CreditFeaturizer.Width).Select(i => (long)i), columns);
        string[] properties = typeof(LoanApplication).GetProperties().Select(p => p.Name).Order().ToArray();
        Assert.Equal(properties, CreditFeaturizer.Groups.Select(g => g.Name).Order());
        Assert.Equal(properties, ApplicantGenerator.RuleFeatures.Concat(ApplicantGenerator.IgnoredFeatures).Order());
    }

    [Fact]
    public void Saved_statistics_reload_to_the_same_transform()
    {
        using var folder = new TemporaryFolder();
        string path = Path.Combine(folder.Path, "featurizer.json");
        CreditFeaturizer fitted = CreditFeaturizer.Fit([Low, High, Low with { Income = 5000 }]);

        fitted.Save(path);
        CreditFeaturizer loaded = CreditFeaturizer.Load(path);

        Assert.Equal(fitted.Transform(High), loaded.Transform(High));
    }
}
