namespace ModelDsl.Models.Data;

/// <summary>
/// One card holder of the UCI "default of credit card clients" data (Taiwan, 2005; Yeh and Lien 2009; 30,000 rows), all
/// 23 columns as the file names them (<c>LIMIT_BAL</c>, <c>PAY_0</c>, <c>BILL_AMT1</c> …), read by the generated
/// <c>CreditDefaultCsvReader</c>. Months run back from September (…Sep) to April (…Apr) 2005. The amounts (limit, bills,
/// payments) are heavily skewed (payments are 0 in many rows and up to 1.7 million in a few), so they are scaled by
/// quantiles rather than standardised.
/// </summary>
/// <param name="CreditLimit">Credit given (NT$), <c>LIMIT_BAL</c>.</param>
/// <param name="Sex">Sex.</param>
/// <param name="Education">Education.</param>
/// <param name="Marriage">Marital status.</param>
/// <param name="Age">Age in years.</param>
/// <param name="StatusSep">Repayment status in September (<c>PAY_0</c>): −2, −1 or 0 no delay, k a delay of k months.</param>
/// <param name="StatusAug">Repayment status in August (<c>PAY_2</c>).</param>
/// <param name="StatusJul">Repayment status in July (<c>PAY_3</c>).</param>
/// <param name="StatusJun">Repayment status in June (<c>PAY_4</c>).</param>
/// <param name="StatusMay">Repayment status in May (<c>PAY_5</c>).</param>
/// <param name="StatusApr">Repayment status in April (<c>PAY_6</c>).</param>
/// <param name="BillSep">Bill statement in September (NT$, <c>BILL_AMT1</c>).</param>
/// <param name="BillAug">Bill statement in August (<c>BILL_AMT2</c>).</param>
/// <param name="BillJul">Bill statement in July (<c>BILL_AMT3</c>).</param>
/// <param name="BillJun">Bill statement in June (<c>BILL_AMT4</c>).</param>
/// <param name="BillMay">Bill statement in May (<c>BILL_AMT5</c>).</param>
/// <param name="BillApr">Bill statement in April (<c>BILL_AMT6</c>).</param>
/// <param name="PaidSep">Amount paid in September (NT$, <c>PAY_AMT1</c>).</param>
/// <param name="PaidAug">Amount paid in August (<c>PAY_AMT2</c>).</param>
/// <param name="PaidJul">Amount paid in July (<c>PAY_AMT3</c>).</param>
/// <param name="PaidJun">Amount paid in June (<c>PAY_AMT4</c>).</param>
/// <param name="PaidMay">Amount paid in May (<c>PAY_AMT5</c>).</param>
/// <param name="PaidApr">Amount paid in April (<c>PAY_AMT6</c>).</param>
public sealed record CreditCardClient(
    [Column("LIMIT_BAL"), Scale(FeatureScale.Quantile)] double CreditLimit,
    ClientSex Sex,
    ClientEducation Education,
    ClientMarriage Marriage,
    int Age,
    [Column("PAY_0")] int StatusSep,
    [Column("PAY_2")] int StatusAug,
    [Column("PAY_3")] int StatusJul,
    [Column("PAY_4")] int StatusJun,
    [Column("PAY_5")] int StatusMay,
    [Column("PAY_6")] int StatusApr,
    [Column("BILL_AMT1"), Scale(FeatureScale.Quantile)] double BillSep,
    [Column("BILL_AMT2"), Scale(FeatureScale.Quantile)] double BillAug,
    [Column("BILL_AMT3"), Scale(FeatureScale.Quantile)] double BillJul,
    [Column("BILL_AMT4"), Scale(FeatureScale.Quantile)] double BillJun,
    [Column("BILL_AMT5"), Scale(FeatureScale.Quantile)] double BillMay,
    [Column("BILL_AMT6"), Scale(FeatureScale.Quantile)] double BillApr,
    [Column("PAY_AMT1"), Scale(FeatureScale.Quantile)] double PaidSep,
    [Column("PAY_AMT2"), Scale(FeatureScale.Quantile)] double PaidAug,
    [Column("PAY_AMT3"), Scale(FeatureScale.Quantile)] double PaidJul,
    [Column("PAY_AMT4"), Scale(FeatureScale.Quantile)] double PaidJun,
    [Column("PAY_AMT5"), Scale(FeatureScale.Quantile)] double PaidMay,
    [Column("PAY_AMT6"), Scale(FeatureScale.Quantile)] double PaidApr);
