using System.Globalization;
using System.Text.Json;
using ModelDsl.Data;
using ModelDsl.Explain;
using TorchSharp;

namespace ModelDsl.Models.Data;

/// <summary>
/// Turns <see cref="LoanApplication"/>s into the 16 model inputs: seven numbers standardised with statistics fitted on
/// training data, the co-signer flag as 0/1, and one-hot columns for <see cref="HomeOwnership"/> and <see cref="LoanPurpose"/>.
/// The fitted statistics are saved next to the checkpoints so prediction uses exactly the training scaling.
/// </summary>
public sealed class CreditFeaturizer
{
    /// <summary>Number of model inputs.</summary>
    public const int Width = 16;

    private static readonly string[] Numeric = ["Income", "LoanAmount", "DebtToIncome", "CreditHistoryYears", "LatePayments", "ApplicationDayOfWeek", "NoiseScore"];

    /// <summary>Means of the numeric features.</summary>
    public double[] Mean { get; init; } = new double[Numeric.Length];

    /// <summary>Standard deviations of the numeric features.</summary>
    public double[] Std { get; init; } = new double[Numeric.Length];

    /// <summary>Fits the standardisation on <paramref name="training"/>.</summary>
    public static CreditFeaturizer Fit(IReadOnlyList<LoanApplication> training)
    {
        var featurizer = new CreditFeaturizer();
        for (int f = 0; f < Numeric.Length; f++)
        {
            double[] values = training.Select(a => NumericValues(a)[f]).ToArray();
            double mean = values.Average();
            featurizer.Mean[f] = mean;
            featurizer.Std[f] = Math.Max(1e-9, Math.Sqrt(values.Average(v => (v - mean) * (v - mean))));
        }
        return featurizer;
    }

    /// <summary>One row of model inputs.</summary>
    public float[] Transform(LoanApplication a)
    {
        var row = new float[Width];
        double[] numeric = NumericValues(a);
        for (int f = 0; f < numeric.Length; f++)
            row[f] = (float)((numeric[f] - Mean[f]) / Std[f]);
        row[7] = a.HasCoSigner ? 1 : 0;
        row[8 + (int)a.Home] = 1;
        row[11 + (int)a.Purpose] = 1;
        return row;
    }

    /// <summary>A dataset of <paramref name="applicants"/> with float labels (1 = default).</summary>
    public InMemoryDataset Dataset(IReadOnlyList<LoanApplication> applicants, IReadOnlyList<int> defaulted) =>
        new(torch.tensor(applicants.SelectMany(Transform).ToArray(), [applicants.Count, Width]),
            torch.tensor(defaulted.Select(d => (float)d).ToArray()));

    /// <summary>Feature groups for explanations: one per record property (one-hot columns together).</summary>
    public static IReadOnlyList<FeatureGroup> Groups { get; } =
    [
        .. Numeric.Select((name, i) => new FeatureGroup(name, [i])),
        new FeatureGroup("HasCoSigner", [7]),
        new FeatureGroup("Home", [8, 9, 10]),
        new FeatureGroup("Purpose", [11, 12, 13, 14, 15]),
    ];

    /// <summary>Saves the fitted statistics as JSON.</summary>
    public void Save(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this));

    /// <summary>Loads statistics saved by <see cref="Save"/>.</summary>
    public static CreditFeaturizer Load(string path) =>
        JsonSerializer.Deserialize<CreditFeaturizer>(File.ReadAllText(path)) ?? throw new InvalidDataException($"{path} is empty.");

    /// <summary>Reads applicants (and, when present, a <c>Defaulted</c> 0/1 column) from a CSV whose columns are named like the record's properties.</summary>
    /// <exception cref="InvalidDataException">A column is missing or a value does not parse; names line and column.</exception>
    public static (List<LoanApplication> Applicants, List<int>? Defaulted) ReadCsv(string path)
    {
        string[] columns = ["Income", "LoanAmount", "DebtToIncome", "CreditHistoryYears", "LatePayments", "Home", "Purpose", "HasCoSigner", "ApplicationDayOfWeek", "NoiseScore"];
        CsvTable table = CsvTable.Read(path, columns);
        var applicants = new List<LoanApplication>();
        List<int>? defaulted = table.Has("Defaulted") ? [] : null;
        for (int i = 0; i < table.Count; i++)
        {
            T Enum<T>(string column) where T : struct, Enum =>
                System.Enum.TryParse(table.Text(i, column), ignoreCase: true, out T value) && System.Enum.IsDefined(value) ? value
                : throw new InvalidDataException($"{path}:{table.Line(i)}: column '{column}' holds '{table.Text(i, column)}'; expected one of {string.Join(", ", System.Enum.GetNames<T>())}.");
            bool Flag(string column) => table.Text(i, column).ToLowerInvariant() switch
            {
                "true" or "1" or "yes" => true,
                "false" or "0" or "no" => false,
                var other => throw new InvalidDataException($"{path}:{table.Line(i)}: column '{column}' holds '{other}'; expected true/false.")
            };
            applicants.Add(new LoanApplication(table.Number(i, "Income"), table.Number(i, "LoanAmount"), table.Number(i, "DebtToIncome"),
                table.Number(i, "CreditHistoryYears"), (int)table.Number(i, "LatePayments"), Enum<HomeOwnership>("Home"), Enum<LoanPurpose>("Purpose"),
                Flag("HasCoSigner"), (int)table.Number(i, "ApplicationDayOfWeek"), table.Number(i, "NoiseScore")));
            defaulted?.Add(Flag("Defaulted") ? 1 : 0);
        }
        return (applicants, defaulted);
    }

    private static double[] NumericValues(LoanApplication a) =>
        [a.Income, a.LoanAmount, a.DebtToIncome, a.CreditHistoryYears, a.LatePayments, a.ApplicationDayOfWeek, a.NoiseScore];
}
