using ModelDsl.Models.Data;

namespace ModelDsl.Tests.Finance;

/// <summary>The synthetic applicants: reproducible, and labelled by the documented rule.</summary>
public sealed class ApplicantGeneratorTests
{
    private static readonly LoanApplication Risky = new(
        Income: 40_000, LoanAmount: 10_000, DebtToIncome: 0.5, CreditHistoryYears: 3, LatePayments: 2,
        Home: HomeOwnership.Rent, Purpose: LoanPurpose.Business, HasCoSigner: false, ApplicationDayOfWeek: 2, NoiseScore: 50);

    [Fact]
    public void Same_seed_gives_the_same_applicants_and_labels()
    {
        var first = ApplicantGenerator.Generate(300, seed: 9);
        var again = ApplicantGenerator.Generate(300, seed: 9);
        var other = ApplicantGenerator.Generate(300, seed: 10);

        Assert.Equal(first.Applicants, again.Applicants);
        Assert.Equal(first.Defaulted, again.Defaulted);
        Assert.NotEqual(first.Applicants, other.Applicants);
    }

    [Fact]
    public void Default_probability_follows_the_documented_formula()
    {
        // −2.2 + 2.5·(1 + 0.5·2) + 0.5·2 − 0 − 0 + 1.0 = 4.8
        Assert.Equal(1 / (1 + Math.Exp(-4.8)), ApplicantGenerator.DefaultProbability(Risky), 12);
        // Low debt, long history, co-signer, car: −2.2 + 0 + 0 − 1.5 − 1.0 + 0 = −4.7
        LoanApplication safe = Risky with { DebtToIncome = 0.2, LatePayments = 0, CreditHistoryYears = 10, HasCoSigner = true, Purpose = LoanPurpose.Car };
        Assert.Equal(1 / (1 + Math.Exp(4.7)), ApplicantGenerator.DefaultProbability(safe), 12);
    }

    [Fact]
    public void Ignored_features_do_not_change_the_probability()
    {
        double reference = ApplicantGenerator.DefaultProbability(Risky);
        LoanApplication changed = Risky with
        {
            Income = 250_000,
            LoanAmount = 49_000,
            Home = HomeOwnership.Own,
            ApplicationDayOfWeek = 6,
            NoiseScore = 1,
        };
        Assert.Equal(reference, ApplicantGenerator.DefaultProbability(changed));
        Assert.Equal(["Income", "LoanAmount", "Home", "ApplicationDayOfWeek", "NoiseScore"], ApplicantGenerator.IgnoredFeatures);
    }

    [Fact]
    public void Labels_are_drawn_at_the_rules_rate_and_both_classes_occur()
    {
        var (applicants, defaulted) = ApplicantGenerator.Generate(6000, seed: 42);
        double expected = applicants.Average(ApplicantGenerator.DefaultProbability);
        double observed = defaulted.Average();

        Assert.InRange(observed, expected - 0.025, expected + 0.025);
        Assert.InRange(observed, 0.1, 0.6);
        Assert.All(applicants, a => Assert.InRange(a.DebtToIncome, 0.05, 0.60));
    }
}
