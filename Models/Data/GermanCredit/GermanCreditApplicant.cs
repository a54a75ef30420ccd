namespace ModelDsl.Models.Data;

/// <summary>
/// One applicant of the UCI Statlog German Credit data (Hofmann, 1000 rows, 20 attributes), as the comma-separated
/// <c>german-credit.csv</c> writes it: coded categories (<c>A11</c> …) are enums whose members carry their codes, so the
/// generated <c>GermanCreditCsvReader</c> reads the file as it is.
/// </summary>
/// <param name="CheckingAccount">Status of the checking account.</param>
/// <param name="DurationMonths">Duration of the credit, in months.</param>
/// <param name="CreditHistory">Credit history.</param>
/// <param name="Purpose">What the credit is for.</param>
/// <param name="Amount">Credit amount (DM).</param>
/// <param name="Savings">Savings account or bonds.</param>
/// <param name="Employment">Present employment since.</param>
/// <param name="InstallmentRate">Installment rate as a percentage of disposable income (1–4).</param>
/// <param name="PersonalStatus">Personal status and sex.</param>
/// <param name="OtherDebtors">Other debtors or guarantors.</param>
/// <param name="ResidenceSince">Present residence since (1–4).</param>
/// <param name="Property">Most valuable property.</param>
/// <param name="Age">Age in years.</param>
/// <param name="InstallmentPlans">Other installment plans.</param>
/// <param name="Housing">Housing.</param>
/// <param name="ExistingCredits">Number of existing credits at this bank (the file calls it NUMBER_OF_CREDIT_CARDS).</param>
/// <param name="Job">Job.</param>
/// <param name="LiablePeople">Number of people liable to provide maintenance for.</param>
/// <param name="Telephone">Telephone.</param>
/// <param name="ForeignWorker">Foreign worker.</param>
public sealed record GermanCreditApplicant(
    [Column("STATUS_ACCOUNT")] CheckingAccount CheckingAccount,
    [Column("DURATION_MONTHS")] int DurationMonths,
    [Column("CREDIT_HISTORY")] CreditHistory CreditHistory,
    CreditPurpose Purpose,
    double Amount,
    [Column("BONDS")] Savings Savings,
    EmploymentLength Employment,
    [Column("INSTALLMENT_RATE")] int InstallmentRate,
    [Column("PERSONAL_STATUS_AND_SEX")] PersonalStatus PersonalStatus,
    [Column("OTHER_DEBTORS")] OtherDebtors OtherDebtors,
    [Column("PRESENT_RESIDENCE_SINCE")] int ResidenceSince,
    PropertyHeld Property,
    int Age,
    [Column("INSTALLMENT_PLANS")] InstallmentPlans InstallmentPlans,
    Housing Housing,
    [Column("NUMBER_OF_CREDIT_CARDS")] int ExistingCredits,
    JobKind Job,
    [Column("LIABLE_PEOPLE")] int LiablePeople,
    Telephone Telephone,
    [Column("FOREIGN")] ForeignWorker ForeignWorker);
