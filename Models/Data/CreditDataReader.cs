using ModelDsl.Data;

namespace ModelDsl.Models.Data;

/// <summary>
/// Reads loan applicants from either CSV layout <c>credit-mlp</c> accepts: the UCI German Credit table (recognised by its
/// column names, mapped by <see cref="GermanCreditReader"/>) or a file whose columns are named like
/// <see cref="LoanApplication"/>'s properties with an optional <c>Defaulted</c> column (<see cref="CreditFeaturizer.ReadCsv"/>).
/// </summary>
public static class CreditDataReader
{
    /// <summary>The applicants in <paramref name="path"/> and, when the file has labels, whether each defaulted.</summary>
    /// <exception cref="InvalidDataException">A column is missing or a value does not parse; names file, line and column.</exception>
    public static (List<LoanApplication> Applicants, List<int>? Defaulted) Read(string path)
    {
        CsvTable probe = CsvTable.Read(path);
        if (GermanCreditReader.Recognises(probe.Header.Select(h => h.Trim()).ToList()))
            return GermanCreditReader.Read(path);
        return CreditFeaturizer.ReadCsv(path);
    }
}
