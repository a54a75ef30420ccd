namespace ModelDsl.Models.Data;

/// <summary>
/// What an applicant's statement of purpose says about their circumstances: something only the text carries
/// (<see cref="LoanApplication"/> has no field for it), part of <see cref="CreditTextData"/>'s default rule.
/// </summary>
public enum ApplicantSituation
{
    /// <summary>Overdue bills, rent arrears, cut hours, collections: raises the risk of default.</summary>
    Hardship,

    /// <summary>Nothing said either way.</summary>
    Neutral,

    /// <summary>Savings, a steady or growing income, a secure job: lowers the risk of default.</summary>
    Stable,
}
