using System.Collections;
using System.Reflection;
using Microsoft.CodeAnalysis;
using ModelDsl.Devices;

namespace ModelDsl.Tests.Generator;

/// <summary>
/// <c>[Model(typeof(TRecord))]</c>: the generator reads the record and emits a featurizer. These compile a record with every
/// supported kind of property (and things that must be left out), load the generated code, and check the columns it writes.
/// </summary>
public sealed class FeatureRecordTests
{
    internal const string Source = """
        using ModelDsl;
        namespace Demo;

        public enum Tier { Bronze = 5, Silver = 1, Gold = 9, Best = 9 }

        public class Party
        {
            public decimal Balance { get; init; }
        }

        public sealed class Borrower : Party
        {
            public byte Age { get; init; }
            public bool @class { get; init; }
            public Tier Tier { get; init; }
            public ulong Accounts { get; init; }
            internal string Note { get; init; } = "";
            public static int Shared { get; set; }
            public float this[int i] => i;
        }

        [Model(typeof(Borrower))]
        [Dense(3, Activation = Activation.Softmax)]
        [Train(Metrics = new[] { Metric.Accuracy })]
        public partial class TierModel { }
        """;

    public FeatureRecordTests() => TorchNative.EnsureLoaded();

    [Fact]
    public void Base_properties_come_first_enum_aliases_share_a_column_and_non_inputs_are_left_out()
    {
        GeneratorRun run = GeneratorHarness.Run(Source);
        Assert.Empty(run.CompilationErrors);
        Assert.DoesNotContain(run.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Contains("Demo.TierModel.Featurizer.g.cs", run.Sources.Keys);

        Assembly assembly = GeneratorHarness.Load(run.Output, "feature-records");
        Type featurizerType = assembly.GetType("Demo.TierModelFeaturizer")!;
        var groups = (IEnumerable)featurizerType.GetProperty("PropertyGroups")!.GetValue(null)!;
        var layout = groups.Cast<ModelDsl.Explain.FeatureGroup>().Select(g => (g.Name, g.Columns.ToArray())).ToList();

        // Balance (base class) first; Tier has three distinct values, so three columns; Note, Shared and the indexer are not inputs.
        Assert.Equal(new[] { "Balance", "Age", "class", "Tier", "Accounts" }, layout.Select(g => g.Name));
        Assert.Equal(new long[][] { [0], [1], [2], [3, 4, 5], [6] }, layout.Select(g => g.Item2));
        Assert.Equal(7, (int)featurizerType.GetField("InputWidth")!.GetValue(null)!);
        Assert.Equal(new[] { 7L }, (IEnumerable<long>)assembly.GetType("Demo.TierModel")!.GetProperty("InputShape")!.GetValue(null)!);
        string summary = (string)assembly.GetType("Demo.TierModel")!.GetMethod("Summary")!.Invoke(null, null)!;
        Assert.Matches(@"\n input \(Borrower\) +\(None, 7\) +0\n", summary);
        Assert.Contains("Input columns: Balance, Age, class[0/1], Tier[3 one-hot], Accounts", summary);
    }

    [Fact]
    public void Generated_featurizer_writes_standardised_numbers_flags_and_one_hot_columns()
    {
        GeneratorRun run = GeneratorHarness.Run(Source);
        Assembly assembly = GeneratorHarness.Load(run.Output, "feature-records");
        Type borrower = assembly.GetType("Demo.Borrower")!;
        Type tier = assembly.GetType("Demo.Tier")!;
        object Make(decimal balance, byte age, bool flag, string tierName, ulong accounts)
        {
            object record = Activator.CreateInstance(borrower)!;
            borrower.GetProperty("Balance")!.SetValue(record, balance);
            borrower.GetProperty("Age")!.SetValue(record, age);
            borrower.GetProperty("class")!.SetValue(record, flag);
            borrower.GetProperty("Tier")!.SetValue(record, Enum.Parse(tier, tierName));
            borrower.GetProperty("Accounts")!.SetValue(record, accounts);
            return record;
        }

        Array training = Array.CreateInstance(borrower, 2);
        training.SetValue(Make(100m, 20, false, "Bronze", 1), 0);
        training.SetValue(Make(300m, 60, true, "Gold", 3), 1);
        Type featurizerType = assembly.GetType("Demo.TierModelFeaturizer")!;
        object featurizer = featurizerType.GetMethod("Fit")!.Invoke(null, [training])!;
        MethodInfo transform = featurizerType.GetMethod("Transform")!;

        // Two training rows per number: mean halfway, population sd half the gap.
        Assert.Equal([-1f, -1f, 0f, 1f, 0f, 0f, -1f], (float[])transform.Invoke(featurizer, [training.GetValue(0)])!);
        Assert.Equal([1f, 1f, 1f, 0f, 0f, 1f, 1f], (float[])transform.Invoke(featurizer, [training.GetValue(1)])!);
        // Silver is the second declared value; Best is an alias of Gold and lands in Gold's column.
        Assert.Equal([0f, 0f, 0f, 0f, 1f, 0f, 0f], (float[])transform.Invoke(featurizer, [Make(200m, 40, false, "Silver", 2)])!);
        Assert.Equal(1f, ((float[])transform.Invoke(featurizer, [Make(200m, 40, false, "Best", 2)])!)[5]);
    }

    [Theory]
    [InlineData("public readonly record struct Quote(float Spread, long Volume, bool Halted);", 3)]
    [InlineData("public struct Quote { public double Spread { get; set; } public Side Side { get; set; } }\npublic enum Side { Bid, Ask }", 3)]
    [InlineData("internal sealed record Quote(int Count) { public double Ratio => Count / 2.0; }", 2)]
    public void Structs_and_computed_properties_are_records_too(string record, int width)
    {
        GeneratorRun run = GeneratorHarness.Run("using ModelDsl; namespace Demo;\n" + record +
            "\n[Model(typeof(Quote))][Dense(1)] internal partial class QuoteModel { }");

        Assert.Empty(run.CompilationErrors);
        Assert.DoesNotContain(run.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Contains($"public const int InputWidth = {width};", run.Sources["Demo.QuoteModel.Featurizer.g.cs"]);
    }

    [Theory]
    [InlineData("public sealed record Applicant(double Income, [Ignore] string Name);")]
    [InlineData("public sealed record Applicant(double Income, [property: Ignore] string Name);")]
    [InlineData("public sealed class Applicant { public double Income { get; init; } [Ignore] public string Name { get; init; } = \"\"; }")]
    public void An_ignored_property_is_left_out_of_the_inputs(string record)
    {
        // MDSL0051 offered "make the property non-public", which a positional record cannot do; [Ignore] can.
        GeneratorRun run = GeneratorHarness.Run("using ModelDsl; namespace Demo;\n" + record + "\n[Model(typeof(Applicant))][Dense(1)] public partial class Scored { }");
        Assert.DoesNotContain(run.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Empty(run.CompilationErrors);
        Assert.Contains("public const int InputWidth = 1;", run.Sources["Demo.Scored.Featurizer.g.cs"]);
    }

    [Fact]
    public void An_unsupported_property_suggests_ignore()
    {
        GeneratorRun run = GeneratorHarness.Run("using ModelDsl; namespace Demo;\npublic sealed record Applicant(double Income, string Name);\n" +
            "[Model(typeof(Applicant))][Dense(1)] public partial class Scored { }");
        string message = run.Single("MDSL0051").GetMessage();
        Assert.Contains("[ModelDsl.Ignore]", message);
        Assert.DoesNotContain("non-public", message);
    }

    [Fact]
    public void Changing_the_record_changes_the_spec_hash_so_old_checkpoints_do_not_load()
    {
        string Hash(string source)
        {
            GeneratorRun run = GeneratorHarness.Run(source);
            string module = run.Sources["Demo.TierModel.Module.g.cs"];
            int at = module.IndexOf("SpecHash = \"", StringComparison.Ordinal) + "SpecHash = \"".Length;
            return module.Substring(at, 16);
        }

        string original = Hash(Source);
        Assert.Equal(original, Hash(Source));
        Assert.NotEqual(original, Hash(Source.Replace("Gold = 9, Best = 9", "Gold = 9, Platinum = 12")));
        Assert.NotEqual(original, Hash(Source.Replace("public byte Age", "public byte Years")));
    }

    [Fact]
    public void Typed_onnx_inputs_keep_properties_that_differ_only_in_case_apart()
    {
        GeneratorRun run = GeneratorHarness.Run("using ModelDsl; namespace Demo;\npublic sealed record Rates(double Rate, double rate, bool Rate2);\n" +
            "[Model(typeof(Rates))][Dense(1)] public partial class Scored { }");
        Assert.Empty(run.CompilationErrors);
        string inputs = run.Sources["Demo.Scored.Onnx.g.cs"];
        Assert.Contains("_rate = model.InputIndex(\"Rate\");", inputs);
        Assert.Contains("_rate2 = model.InputIndex(\"rate\");", inputs);
        Assert.Contains("_rate22 = model.InputIndex(\"Rate2\");", inputs);
    }
}
