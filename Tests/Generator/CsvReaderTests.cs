using System.Collections;
using System.Reflection;
using Microsoft.CodeAnalysis;
using ModelDsl.Tests.Support;

namespace ModelDsl.Tests.Generator;

/// <summary>
/// The <c>XxxCsvReader</c> the generator writes for a record input: header names to properties (ignoring case, or
/// <c>[Column]</c>), coded enum values, targets, and the errors for files that do not fit, each naming file, line and column.
/// </summary>
public sealed class CsvReaderTests
{
    private const string Source = """
        using ModelDsl;
        using System.Runtime.Serialization;
        namespace Demo;

        public enum Checking { [Column("A11")] Overdrawn, [EnumMember(Value = "A12")] Low, [Column("A13", "A13b")] High, None }

        public sealed record Loan([Column("DURATION_MONTHS")] int Months, double Amount, Checking Checking, bool Foreign)
        {
            [Column("PAY_0")] public long LatestStatus { get; init; }
            public decimal Rate { get; set; }
            public double AmountPerMonth => Amount / Months;
        }

        [Model(typeof(Loan))]
        [Dense(1, Activation = Activation.Sigmoid)]
        public partial class LoanModel { }

        public sealed record Pick(double Score);

        [Model(typeof(Pick))]
        [Dense(3, Activation = Activation.Softmax)]
        [Train(Metrics = new[] { Metric.Accuracy })]
        public partial class PickModel { }
        """;

    private static readonly Lazy<Assembly> Generated = new(() =>
    {
        GeneratorRun run = GeneratorHarness.Run(Source);
        Assert.Empty(run.CompilationErrors);
        Assert.DoesNotContain(run.Diagnostics, d => d.Severity >= DiagnosticSeverity.Warning);
        return GeneratorHarness.Load(run.Output, "csv-readers");
    });

    private const string Header = "duration_months,AMOUNT,checking,Foreign,pay_0,Rate,Id,Note";

    /// <summary>Reads <paramref name="path"/> with the generated reader; returns the records as their ToString and the targets.</summary>
    private static (List<string> Records, List<float> Targets, List<int> Lines) Read(string path, string model = "LoanModel", params string[] target)
    {
        MethodInfo read = Generated.Value.GetType($"Demo.{model}CsvReader")!.GetMethod("Read")!;
        object result;
        try
        {
            result = read.Invoke(null, [path, target])!;
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            throw ex.InnerException;
        }
        Type type = result.GetType();
        var records = ((IEnumerable)type.GetProperty("Records")!.GetValue(result)!).Cast<object>().Select(r => r.ToString()!).ToList();
        var targets = ((IEnumerable)type.GetProperty("Targets")!.GetValue(result)!).Cast<object>().Select(Convert.ToSingle).ToList();
        var lines = ((IEnumerable<int>)type.GetProperty("Lines")!.GetValue(result)!).ToList();
        return (records, targets, lines);
    }

    [Fact]
    public void Header_names_match_ignoring_case_or_by_Column_and_codes_name_enum_members()
    {
        using var folder = new TemporaryFolder();
        string path = folder.Write("loans.csv",
            Header + ",target\n" +
            "6,1169,A11,yes,2,0.5,1,plain,1\n" +
            "48,1.00E+03,a12,0,-1,1.25,2,\"quoted, with a comma\",0\n" +
            "12,700,A13b,TRUE,0,2,3,x,1\n" +
            "24,800,none,false,0,3,4,x,0\n" +
            "24,900,High,1,0,3,5,x,0\n");

        var (records, targets, lines) = Read(path, target: ["label", "TARGET"]);

        Assert.Equal(
        [
            "Loan { Months = 6, Amount = 1169, Checking = Overdrawn, Foreign = True, LatestStatus = 2, Rate = 0.5, AmountPerMonth = 194.83333333333334 }",
            "Loan { Months = 48, Amount = 1000, Checking = Low, Foreign = False, LatestStatus = -1, Rate = 1.25, AmountPerMonth = 20.833333333333332 }",
            "Loan { Months = 12, Amount = 700, Checking = High, Foreign = True, LatestStatus = 0, Rate = 2, AmountPerMonth = 58.333333333333336 }",
            "Loan { Months = 24, Amount = 800, Checking = None, Foreign = False, LatestStatus = 0, Rate = 3, AmountPerMonth = 33.333333333333336 }",
            "Loan { Months = 24, Amount = 900, Checking = High, Foreign = True, LatestStatus = 0, Rate = 3, AmountPerMonth = 37.5 }",
        ], records);
        Assert.Equal([1f, 0f, 1f, 0f, 0f], targets);
        Assert.Equal([2, 3, 4, 5, 6], lines);
    }

    [Fact]
    public void A_BOM_CRLF_line_ends_and_quoted_fields_read_like_plain_ones()
    {
        using var folder = new TemporaryFolder();
        string path = Path.Combine(folder.Path, "windows.csv");
        File.WriteAllText(path, "\"" + Header.Replace(",", "\",\"") + "\"\r\n" + "\"6\",\"1169\",\"A11\",\"yes\",\"2\",\"0.5\",\"1\",\"line one\r\nline two\"\r\n" + "7,100,A12,no,1,1,2,x\r\n",
            new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

        var (records, targets, lines) = Read(path);

        Assert.Equal(2, records.Count);
        Assert.StartsWith("Loan { Months = 6, Amount = 1169, Checking = Overdrawn, Foreign = True, LatestStatus = 2, Rate = 0.5,", records[0]);
        Assert.StartsWith("Loan { Months = 7, Amount = 100, Checking = Low, Foreign = False, LatestStatus = 1, Rate = 1,", records[1]);
        Assert.Empty(targets); // no target column asked for
        Assert.Equal([2, 4], lines); // the quoted line break makes row 1 two lines long
    }

    [Fact]
    public void Missing_columns_are_all_named_with_the_header()
    {
        using var folder = new TemporaryFolder();
        string path = folder.Write("short.csv", "amount,Checking,Foreign,Rate,Extra\n1,A11,yes,1,x\n");

        var error = Assert.Throws<InvalidDataException>(() => Read(path));
        Assert.Equal($"{path}: missing column(s) 'DURATION_MONTHS', 'PAY_0'; the header has: amount, Checking, Foreign, Rate, Extra.", error.Message);

        string complete = folder.Write("complete.csv", Header + "\n6,1,A11,yes,2,0.5,1,x\n");
        var noTarget = Assert.Throws<InvalidDataException>(() => Read(complete, target: ["target", "default"]));
        Assert.Equal($"{complete}: missing column(s) 'target' or 'default'; the header has: {Header.Replace(",", ", ")}.", noTarget.Message);
    }

    [Theory]
    [InlineData("6.5,1,A11,yes,2,0.5", "duration_months", "'6.5'; expected a whole number from -2147483648 to 2147483647")]
    [InlineData("6,1,A11,yes,9999999999999999999999,0.5", "pay_0", "'9999999999999999999999'; expected a whole number from -9.223372036854776E+18 to 9.223372036854776E+18")]
    [InlineData("6,lots,A11,yes,2,0.5", "AMOUNT", "'lots', which is not a number")]
    [InlineData("6,1,A15,yes,2,0.5", "checking", "'A15'; expected one of A11 or Overdrawn, A12 or Low, A13 or A13b or High, None")]
    [InlineData("6,1,A11,maybe,2,0.5", "Foreign", "'maybe'; expected true or false (1/0, yes/no)")]
    public void A_bad_value_names_file_line_and_column(string row, string column, string problem)
    {
        using var folder = new TemporaryFolder();
        string path = folder.Write("bad.csv", Header + "\n6,1,A11,yes,2,0.5,1,x\n" + row + ",2,x\n");

        var error = Assert.Throws<InvalidDataException>(() => Read(path));
        Assert.Equal($"{path}:3: column '{column}' holds {problem}.", error.Message);
    }

    [Theory]
    [InlineData("LoanModel", "2", "'2'; expected 1 (positive) or 0")]
    [InlineData("PickModel", "3", "'3'; expected a whole number from 0 to 2")]
    public void Targets_are_0_or_1_for_binary_models_and_class_indices_for_multi_class_ones(string model, string bad, string problem)
    {
        using var folder = new TemporaryFolder();
        string columns = model == "LoanModel" ? Header + ",Score,y" : "Score,y";
        string values = model == "LoanModel" ? "6,1,A11,yes,2,0.5,1,x,0.5," : "0.5,";
        string path = folder.Write("targets.csv", $"{columns}\n{values}1\n{values}0\n{values}{bad}\n");

        var error = Assert.Throws<InvalidDataException>(() => Read(path, model, "y"));
        Assert.Equal($"{path}:4: column 'y' holds {problem}.", error.Message);

        string good = folder.Write("good.csv", $"{columns}\n{values}1\n{values}0\n");
        Assert.Equal([1f, 0f], Read(good, model, "y").Targets);
        if (model == "PickModel")
            Assert.Equal(typeof(long), Generated.Value.GetType("Demo.PickModelCsvReader")!.GetMethod("Read")!.ReturnType.GetGenericArguments()[1]);
    }

    [Theory]
    [InlineData("public sealed class Quote { public double Spread { get; } }", "property 'Spread' has no public set or init accessor, and no constructor parameter takes it")]
    [InlineData("public sealed class Quote { public Quote(double spread, int depth) { Spread = spread; } public double Spread { get; } }", "it has no public constructor whose parameters are all properties (same name and type) or have default values")]
    [InlineData("public abstract class Quote { public double Spread { get; set; } }", "it is abstract")]
    [InlineData("public sealed class Quote { public double Spread { get; set; } [Ignore] public required string Name { get; set; } }", "property 'Name' is required but is not an input, so the file cannot set it")]
    public void A_record_the_reader_cannot_build_gets_a_warning_and_no_reader(string record, string problem)
    {
        GeneratorRun run = GeneratorHarness.Run("using ModelDsl; namespace Demo;\n" + record + "\n[Model(typeof(Quote))][Dense(1)] public partial class QuoteModel { }");

        Assert.Empty(run.CompilationErrors);
        Diagnostic warning = run.Single("MDSL0054");
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.Equal($"No CSV reader is generated for 'Quote' of model 'QuoteModel': {problem}", warning.GetMessage());
        Assert.Contains("Demo.QuoteModel.Featurizer.g.cs", run.Sources.Keys);
        Assert.DoesNotContain("Demo.QuoteModel.CsvReader.g.cs", run.Sources.Keys);
    }

    [Theory]
    [InlineData("public struct Quote { public double Spread { get; set; } }")]
    [InlineData("public sealed class Quote { public Quote(double spread, int depth = 3) { Spread = spread; } public double Spread { get; } }")]
    [InlineData("public readonly record struct Quote(double Spread);")]
    public void Structs_constructors_with_defaults_and_record_structs_get_a_reader(string record)
    {
        GeneratorRun run = GeneratorHarness.Run("using ModelDsl; namespace Demo;\n" + record + "\n[Model(typeof(Quote))][Dense(1)] public partial class QuoteModel { }");

        Assert.Empty(run.CompilationErrors);
        Assert.DoesNotContain(run.Diagnostics, d => d.Id == "MDSL0054");
        Assert.Contains("Demo.QuoteModel.CsvReader.g.cs", run.Sources.Keys);
    }
}
