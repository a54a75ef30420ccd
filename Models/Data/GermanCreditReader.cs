using ModelDsl.Data;

namespace ModelDsl.Models.Data;

/// <summary>
/// Maps the UCI Statlog German Credit table (the comma-separated variant with a header,
/// <c>STATUS_ACCOUNT,…,CLASSIFICATION</c>, 1 = good / 0 = bad) onto <see cref="LoanApplication"/> so the same
/// featurizer and model can train on real applicants. The data has no income, no day of application and no noise
/// score; those fields are set to 0 and, being constant, standardise to 0. The mapping (see docs/models.md):
/// <list type="table">
///   <item><term>LoanAmount</term><description><c>AMOUNT</c> (Deutsche Mark)</description></item>
///   <item><term>DebtToIncome</term><description><c>INSTALLMENT_RATE</c> ÷ 10 (the installment as an ordinal share of disposable income, 1–4 → 0.1–0.4)</description></item>
///   <item><term>CreditHistoryYears</term><description><c>AGE</c> − 18, at least 0 (years in which credit was possible; the data has no history length)</description></item>
///   <item><term>LatePayments</term><description><c>CREDIT_HISTORY</c>: A33 (delays in the past) → 1, A34 (critical account) → 2, A30–A32 → 0</description></item>
///   <item><term>Home</term><description><c>HOUSING</c>: A151 rent → Rent, A152 own → Own, A153 for free → Rent</description></item>
///   <item><term>Purpose</term><description><c>PURPOSE</c>: A40/A41 → Car, A42–A45 (furniture, radio/TV, appliances, repairs) → Home, A47 → Vacation, A49 → Business, A46/A48/A410 (education, retraining, other) → DebtConsolidation</description></item>
///   <item><term>HasCoSigner</term><description><c>OTHER_DEBTORS</c>: A102 co-applicant or A103 guarantor → true, A101 → false</description></item>
///   <item><term>Defaulted</term><description><c>CLASSIFICATION</c>: 0 (bad credit) → 1, 1 (good) → 0</description></item>
/// </list>
/// </summary>
public static class GermanCreditReader
{
    /// <summary>The columns the mapping reads (matched ignoring case).</summary>
    public static readonly string[] RequiredColumns =
        ["AMOUNT", "INSTALLMENT_RATE", "AGE", "CREDIT_HISTORY", "HOUSING", "PURPOSE", "OTHER_DEBTORS", "CLASSIFICATION"];

    /// <summary>True when <paramref name="header"/> has every column of <see cref="RequiredColumns"/>.</summary>
    public static bool Recognises(IReadOnlyCollection<string> header) =>
        RequiredColumns.All(c => header.Contains(c, StringComparer.OrdinalIgnoreCase));

    /// <summary>Reads every row as an applicant and whether that applicant defaulted (1) or repaid (0).</summary>
    /// <exception cref="InvalidDataException">A column is missing or a value is outside its code list; names file, line and column.</exception>
    public static (List<LoanApplication> Applicants, List<int> Defaulted) Read(string path)
    {
        CsvTable table = CsvTable.Read(path, RequiredColumns);
        var applicants = new List<LoanApplication>(table.Count);
        var defaulted = new List<int>(table.Count);
        for (int i = 0; i < table.Count; i++)
        {
            string Code(string column, params string[] allowed)
            {
                string value = table.Text(i, column).ToUpperInvariant();
                return allowed.Contains(value) ? value
                    : throw new InvalidDataException($"{path}:{table.Line(i)}: column '{column}' holds '{table.Text(i, column)}'; expected one of {string.Join(", ", allowed)}.");
            }

            int latePayments = Code("CREDIT_HISTORY", "A30", "A31", "A32", "A33", "A34") switch { "A33" => 1, "A34" => 2, _ => 0 };
            HomeOwnership home = Code("HOUSING", "A151", "A152", "A153") == "A152" ? HomeOwnership.Own : HomeOwnership.Rent;
            LoanPurpose purpose = Code("PURPOSE", "A40", "A41", "A42", "A43", "A44", "A45", "A46", "A47", "A48", "A49", "A410") switch
            {
                "A40" or "A41" => LoanPurpose.Car,
                "A42" or "A43" or "A44" or "A45" => LoanPurpose.Home,
                "A47" => LoanPurpose.Vacation,
                "A49" => LoanPurpose.Business,
                _ => LoanPurpose.DebtConsolidation,
            };
            bool coSigner = Code("OTHER_DEBTORS", "A101", "A102", "A103") != "A101";
            int classification = (int)table.Number(i, "CLASSIFICATION", 0, 1);
            if (classification != table.Number(i, "CLASSIFICATION"))
                throw new InvalidDataException($"{path}:{table.Line(i)}: column 'CLASSIFICATION' holds '{table.Text(i, "CLASSIFICATION")}'; expected 1 (good) or 0 (bad).");

            applicants.Add(new LoanApplication(
                Income: 0,
                LoanAmount: table.Number(i, "AMOUNT", 0, double.MaxValue),
                DebtToIncome: table.Number(i, "INSTALLMENT_RATE", 1, 4) / 10,
                CreditHistoryYears: Math.Max(0, table.Number(i, "AGE", 0, 130) - 18),
                LatePayments: latePayments,
                Home: home,
                Purpose: purpose,
                HasCoSigner: coSigner,
                ApplicationDayOfWeek: 0,
                NoiseScore: 0));
            defaulted.Add(classification == 0 ? 1 : 0);
        }
        return (applicants, defaulted);
    }
}
