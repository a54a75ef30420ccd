namespace ModelDsl.Models.Data;

/// <summary>
/// Synthetic loan applicants with a known ground truth. The probability of default is the logistic of
/// <code>
///   -2.2
///   + 2.5 · [DebtToIncome &gt; 0.40] · (1 + 0.5 · min(LatePayments, 4))
///   + 0.5 · LatePayments
///   − 1.5 · [CreditHistoryYears &gt; 5]
///   − 1.0 · [HasCoSigner]
///   + 1.0 · [Purpose ∈ {Business, Vacation}]
/// </code>
/// It uses debt-to-income, late payments, credit history, co-signer and purpose, with thresholds and an interaction a
/// linear model cannot express, and ignores income, loan amount, home ownership, day of week and the noise score.
/// </summary>
public static class ApplicantGenerator
{
    /// <summary>Features the ground-truth rule uses.</summary>
    public static readonly string[] RuleFeatures = ["DebtToIncome", "LatePayments", "CreditHistoryYears", "HasCoSigner", "Purpose"];

    /// <summary>Features the ground-truth rule ignores.</summary>
    public static readonly string[] IgnoredFeatures = ["Income", "LoanAmount", "Home", "ApplicationDayOfWeek", "NoiseScore"];

    /// <summary>Generates <paramref name="count"/> applicants and whether each defaulted (drawn from the rule's probability).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    public static (List<LoanApplication> Applicants, List<int> Defaulted) Generate(int count, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var random = new Random(seed);
        var applicants = new List<LoanApplication>(count);
        var defaulted = new List<int>(count);
        for (int i = 0; i < count; i++)
        {
            LoanApplication applicant = NextApplicant(random);
            applicants.Add(applicant);
            defaulted.Add(random.NextDouble() < DefaultProbability(applicant) ? 1 : 0);
        }
        return (applicants, defaulted);
    }

    /// <summary>
    /// Draws one applicant: the draws <see cref="Generate"/> makes before each label, so a generator that draws its label
    /// next from the same <paramref name="random"/> (<see cref="CreditTextData"/>) gets the same applicants for a seed.
    /// </summary>
    internal static LoanApplication NextApplicant(Random random) => new(
        Income: Math.Round(Math.Exp(10.8 + 0.4 * StandardNormal.Next(random))),
        LoanAmount: Math.Round(1000 + random.NextDouble() * 49000),
        DebtToIncome: Math.Round(0.05 + random.NextDouble() * 0.55, 3),
        CreditHistoryYears: Math.Round(random.NextDouble() * 25, 1),
        LatePayments: random.NextDouble() < 0.55 ? 0 : random.Next(1, 7),
        Home: (HomeOwnership)random.Next(3),
        Purpose: (LoanPurpose)random.Next(5),
        HasCoSigner: random.NextDouble() < 0.3,
        ApplicationDayOfWeek: random.Next(7),
        NoiseScore: Math.Round(random.NextDouble() * 100, 1));

    /// <summary>The ground-truth probability of default.</summary>
    public static double DefaultProbability(LoanApplication a) => 1 / (1 + Math.Exp(-Logit(a)));

    /// <summary>The rule's logit (documented above), before the logistic.</summary>
    public static double Logit(LoanApplication a) =>
        -2.2
        + (a.DebtToIncome > 0.40 ? 2.5 * (1 + 0.5 * Math.Min(a.LatePayments, 4)) : 0)
        + 0.5 * a.LatePayments
        - (a.CreditHistoryYears > 5 ? 1.5 : 0)
        - (a.HasCoSigner ? 1.0 : 0)
        + (a.Purpose is LoanPurpose.Business or LoanPurpose.Vacation ? 1.0 : 0);
}
