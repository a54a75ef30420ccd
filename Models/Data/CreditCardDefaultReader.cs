using ModelDsl.Data;

namespace ModelDsl.Models.Data;

/// <summary>
/// Maps the UCI "default of credit card clients" table (Taiwan, 2005: <c>LIMIT_BAL, SEX, …, AGE, PAY_0, PAY_2 … PAY_6,
/// BILL_AMT1 … BILL_AMT6, PAY_AMT1 … PAY_AMT6</c> and a default flag) onto <see cref="LoanApplication"/>. Card holders
/// are not loan applicants, so only what has a counterpart is used (see docs/models.md):
/// <list type="table">
///   <item><term>LoanAmount</term><description><c>LIMIT_BAL</c>, the credit line</description></item>
///   <item><term>DebtToIncome</term><description><c>BILL_AMT1 ÷ LIMIT_BAL</c>, the latest bill as a share of the line (the data has no income), clamped to [−1, 5]</description></item>
///   <item><term>CreditHistoryYears</term><description><c>AGE</c> − 18, at least 0</description></item>
///   <item><term>LatePayments</term><description>how many of the six monthly statuses <c>PAY_0, PAY_2 … PAY_6</c> show a delay (a value of 1 or more)</description></item>
///   <item><term>Defaulted</term><description><c>target</c>, <c>default.payment.next.month</c> or <c>default payment next month</c> (1 = default), when present</description></item>
/// </list>
/// <c>Income</c>, <c>ApplicationDayOfWeek</c> and <c>NoiseScore</c> are 0, <c>Home</c> is Rent, <c>Purpose</c> is
/// DebtConsolidation and <c>HasCoSigner</c> false for everyone: constant columns, which standardise to 0.
/// </summary>
public static class CreditCardDefaultReader
{
    private static readonly string[] Statuses = ["PAY_0", "PAY_2", "PAY_3", "PAY_4", "PAY_5", "PAY_6"];

    /// <summary>The columns the mapping reads (matched ignoring case).</summary>
    public static readonly string[] RequiredColumns = ["LIMIT_BAL", "AGE", "BILL_AMT1", .. Statuses];

    /// <summary>The names the default flag goes by in the published copies.</summary>
    public static readonly string[] LabelColumns = ["target", "default.payment.next.month", "default payment next month"];

    /// <summary>True when <paramref name="header"/> has every column of <see cref="RequiredColumns"/>.</summary>
    public static bool Recognises(IReadOnlyCollection<string> header) =>
        RequiredColumns.All(c => header.Contains(c, StringComparer.OrdinalIgnoreCase));

    /// <summary>Reads every row as an applicant and, when the file has a default flag, whether each defaulted.</summary>
    /// <exception cref="InvalidDataException">A column is missing or a value is out of range; names file, line and column.</exception>
    public static (List<LoanApplication> Applicants, List<int>? Defaulted) Read(string path)
    {
        CsvTable table = CsvTable.Read(path, RequiredColumns);
        string? label = LabelColumns.FirstOrDefault(table.Has);
        var applicants = new List<LoanApplication>(table.Count);
        List<int>? defaulted = label is null ? null : new List<int>(table.Count);
        for (int i = 0; i < table.Count; i++)
        {
            double limit = table.Number(i, "LIMIT_BAL", 1, double.MaxValue);
            int late = Statuses.Count(status => table.Number(i, status, -2, 9) >= 1);
            applicants.Add(new LoanApplication(
                Income: 0,
                LoanAmount: limit,
                DebtToIncome: Math.Clamp(table.Number(i, "BILL_AMT1") / limit, -1, 5),
                CreditHistoryYears: Math.Max(0, table.Number(i, "AGE", 0, 130) - 18),
                LatePayments: late,
                Home: HomeOwnership.Rent,
                Purpose: LoanPurpose.DebtConsolidation,
                HasCoSigner: false,
                ApplicationDayOfWeek: 0,
                NoiseScore: 0));
            if (defaulted is not null)
            {
                double flag = table.Number(i, label!);
                defaulted.Add(flag is 0 or 1 ? (int)flag
                    : throw new InvalidDataException($"{path}:{table.Line(i)}: column '{label}' holds {table.Text(i, label!)}; expected 1 (default) or 0."));
            }
        }
        return (applicants, defaulted);
    }
}
