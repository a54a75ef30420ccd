namespace ModelDsl.Models.Data;

/// <summary>Whether the applicant rents, has a mortgage, or owns outright.</summary>
public enum HomeOwnership { Rent, Mortgage, Own }

/// <summary>What the loan is for.</summary>
public enum LoanPurpose { DebtConsolidation, Car, Home, Business, Vacation }

/// <summary>One loan application: the typed input of <c>credit-mlp</c>.</summary>
/// <param name="Income">Yearly income.</param>
/// <param name="LoanAmount">Requested amount.</param>
/// <param name="DebtToIncome">Monthly debt payments ÷ monthly income.</param>
/// <param name="CreditHistoryYears">Years since the first credit line.</param>
/// <param name="LatePayments">Late payments in the last two years.</param>
/// <param name="Home">Home ownership.</param>
/// <param name="Purpose">Purpose of the loan.</param>
/// <param name="HasCoSigner">Whether someone co-signs.</param>
/// <param name="ApplicationDayOfWeek">0 = Monday … 6 = Sunday (carries no risk information).</param>
/// <param name="NoiseScore">A score with no relation to default (a control feature).</param>
public sealed record LoanApplication(
    double Income, double LoanAmount, double DebtToIncome, double CreditHistoryYears, int LatePayments,
    HomeOwnership Home, LoanPurpose Purpose, bool HasCoSigner, int ApplicationDayOfWeek, double NoiseScore);
