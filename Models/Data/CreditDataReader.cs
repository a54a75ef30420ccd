using ModelDsl.Data;

namespace ModelDsl.Models.Data;

/// <summary>
/// Reads loan applicants from the CSV layouts <c>credit-mlp</c> accepts: the UCI German Credit table and the UCI credit
/// card default table (recognised by their column names, mapped by <see cref="GermanCreditReader"/> and
/// <see cref="CreditCardDefaultReader"/>), or a file whose columns are named like
/// <see cref="LoanApplication"/>'s properties with an optional <c>Defaulted</c> column.
/// </summary>
public static class CreditDataReader
{
    /// <summary>The applicants in <paramref name="path"/> and, when the file has labels, whether each defaulted.</summary>
    /// <exception cref="InvalidDataException">A column is missing or a value does not parse; names file, line and column.</exception>
    public static (List<LoanApplication> Applicants, List<int>? Defaulted) Read(string path)
    {
        CsvTable probe = CsvTable.Read(path);
        var header = probe.Header.Select(h => h.Trim()).ToList();
        if (GermanCreditReader.Recognises(header))
            return GermanCreditReader.Read(path);
        if (CreditCardDefaultReader.Recognises(header))
            return CreditCardDefaultReader.Read(path);
        return ReadApplicationColumns(path);
    }

    /// <summary>Reads a CSV whose columns are named like <see cref="LoanApplication"/>'s properties (and optionally <c>Defaulted</c>, 0/1).</summary>
    private static (List<LoanApplication> Applicants, List<int>? Defaulted) ReadApplicationColumns(string path)
    {
        string[] columns = ["Income", "LoanAmount", "DebtToIncome", "CreditHistoryYears", "LatePayments", "Home", "Purpose", "HasCoSigner", "ApplicationDayOfWeek", "NoiseScore"];
        CsvTable table = CsvTable.Read(path, columns);
        if (table.Count == 0)
            throw new InvalidDataException($"{path}: the file has a header but no data rows.");
        var applicants = new List<LoanApplication>();
        List<int>? defaulted = table.Has("Defaulted") ? [] : null;
        for (int i = 0; i < table.Count; i++)
        {
            // Names only: Enum.TryParse would also take numbers and flag combinations such as "Rent,Own".
            T Enum<T>(string column) where T : struct, Enum =>
                System.Enum.GetNames<T>().FirstOrDefault(n => n.Equals(table.Text(i, column), StringComparison.OrdinalIgnoreCase)) is { } name
                    ? System.Enum.Parse<T>(name)
                    : throw new InvalidDataException($"{path}:{table.Line(i)}: column '{column}' holds '{table.Text(i, column)}'; expected one of {string.Join(", ", System.Enum.GetNames<T>())}.");
            bool Flag(string column) => table.Text(i, column).ToLowerInvariant() switch
            {
                "true" or "1" or "yes" => true,
                "false" or "0" or "no" => false,
                var other => throw new InvalidDataException($"{path}:{table.Line(i)}: column '{column}' holds '{other}'; expected true/false.")
            };
            int Count(string column, int max)
            {
                double value = table.Number(i, column, 0, max);
                return value == Math.Floor(value) ? (int)value
                    : throw new InvalidDataException($"{path}:{table.Line(i)}: column '{column}' holds '{table.Text(i, column)}'; expected a whole number.");
            }
            double NonNegative(string column) => table.Number(i, column) is var value && value >= 0 ? value
                : throw new InvalidDataException($"{path}:{table.Line(i)}: column '{column}' holds '{table.Text(i, column)}'; expected a number of at least 0.");
            applicants.Add(new LoanApplication(NonNegative("Income"), NonNegative("LoanAmount"), NonNegative("DebtToIncome"), NonNegative("CreditHistoryYears"),
                Count("LatePayments", 1000), Enum<HomeOwnership>("Home"), Enum<LoanPurpose>("Purpose"),
                Flag("HasCoSigner"), Count("ApplicationDayOfWeek", 6), table.Number(i, "NoiseScore")));
            defaulted?.Add(Flag("Defaulted") ? 1 : 0);
        }
        return (applicants, defaulted);
    }
}
