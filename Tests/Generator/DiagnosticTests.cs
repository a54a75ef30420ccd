using System.Xml.Linq;
using Microsoft.CodeAnalysis;
using ModelDsl.Tests.Support;
using GeneratorDiagnostics = ModelDsl.Generator.Diagnostics;

namespace ModelDsl.Tests.Generator;

/// <summary>
/// Each diagnostic of the attribute front end: its ID, severity and exact location. The expected location is where
/// the marker <c>/*@*/</c> sits in the source (the marker is removed before compiling).
/// </summary>
public sealed class DiagnosticTests
{
    private const string Header = "using ModelDsl;\nnamespace Demo;\n";

    public static TheoryData<string, string, DiagnosticSeverity> Cases => new()
    {
        { "MDSL0001", "[Model(4)][Dense(2)] public class /*@*/NotPartial { }", DiagnosticSeverity.Error },
        { "MDSL0002", "[/*@*/Model][Dense(2)] public partial class NoInput { }", DiagnosticSeverity.Error },
        { "MDSL0003", "[Model(/*@*/0, 28)][Flatten][Dense(2)] public partial class ZeroInput { }", DiagnosticSeverity.Error },
        { "MDSL0004", "[/*@*/Model(4)] public partial class Empty { }", DiagnosticSeverity.Error },
        { "MDSL0005", "[Model(4)][Dense(2)] public partial class /*@*/Split { }\n[Dense(3)] public partial class Split { }", DiagnosticSeverity.Error },
        { "MDSL0006", "public partial class Outer { [Model(4)][Dense(2)] public partial class /*@*/Inner { } }", DiagnosticSeverity.Error },
        { "MDSL0006", "[Model(4)][Dense(2)] public partial record /*@*/Rec { }", DiagnosticSeverity.Error },
        { "MDSL0006", "[Model(4)][Dense(2)] file partial class /*@*/FileLocal { }", DiagnosticSeverity.Error },
        { "MDSL0006", "[Model(4)][Dense(2)] public partial class /*@*/Derived : System.Exception { }", DiagnosticSeverity.Error },
        { "MDSL0006", "[Model(4)][Dense(2)] public partial class WithConstructor { public /*@*/WithConstructor() { } }", DiagnosticSeverity.Error },
        { "MDSL0007", "[/*@*/Dense(2)][Dense(3)] public partial class Unmarked { }", DiagnosticSeverity.Warning },
        { "MDSL0007", "[/*@*/Train(Epochs = 3)] public partial class OnlyTraining { }", DiagnosticSeverity.Warning },
        { "MDSL0010", "[Model(4)][Dense(/*@*/0)] public partial class ZeroUnits { }", DiagnosticSeverity.Error },
        { "MDSL0014", "[Model(4)][Dense(2, /*@*/Activation = (Activation)99)] public partial class BadEnum { }", DiagnosticSeverity.Error },
        { "MDSL0010", "[Model(4)][Dropout(/*@*/1.5)][Dense(2)] public partial class BadDropout { }", DiagnosticSeverity.Error },
        { "MDSL0020", "[Model(1, 28, 28)][Conv2D(8)][/*@*/Dense(10)] public partial class DenseOn3D { }", DiagnosticSeverity.Error },
        { "MDSL0020", "[Model(16)][/*@*/Conv2D(8)] public partial class ConvOn1D { }", DiagnosticSeverity.Error },
        { "MDSL0021", "[Model(1, 28, 28)][Conv2D(8, /*@*/Kernel = 30)][Flatten][Dense(2)] public partial class HugeKernel { }", DiagnosticSeverity.Error },
        { "MDSL0021", "[Model(1, 4, 4)][MaxPool2D(/*@*/5)][Flatten][Dense(2)] public partial class HugePool { }", DiagnosticSeverity.Error },
        { "MDSL0022", "[Model(6)][Embedding(50, 8)][TransformerEncoder(/*@*/Heads = 3)][SequencePool][Dense(2)] public partial class BadHeads { }", DiagnosticSeverity.Error },
        { "MDSL0023", "[Model(28)][Reshape(/*@*/5, 5)][Flatten][Dense(2)] public partial class BadReshape { }", DiagnosticSeverity.Error },
        { "MDSL0024", "[Model(4)][Dense(3)][/*@*/Dense(1, Activation = Activation.Softmax)] public partial class OneUnitSoftmax { }", DiagnosticSeverity.Error },
        { "MDSL0025", "[Model(10)][Dense(4)][/*@*/Embedding(100, 8)] public partial class LateEmbedding { }", DiagnosticSeverity.Error },
        // Issue 17: BertEncoder.
        { "MDSL0026", "[Model][Input(\"t\", 8, Vocabulary = 100, PaddingId = 0)][BertEncoder(1, 30, /*@*/4, 64, 16, 100)][SequencePool][Dense(2)] public partial class BertHeads { }", DiagnosticSeverity.Error },
        { "MDSL0025", "[Model][Input(\"amounts\", 8)][/*@*/BertEncoder(1, 32, 4, 64, 16, 100)][SequencePool][Dense(2)] public partial class BertOnFloats { }", DiagnosticSeverity.Error },
        { "MDSL0027", "[Model][Input(\"t\", 32, Vocabulary = 100)][BertEncoder(1, 32, 4, 64, /*@*/16, 100)][SequencePool][Dense(2)] public partial class BertTooLong { }", DiagnosticSeverity.Error },
        { "MDSL0028", "[Model][Input(\"t\", 8, Vocabulary = 100)][BertEncoder(1, 32, 4, 64, 16, /*@*/200)][SequencePool][Dense(2)] public partial class BertVocabulary { }", DiagnosticSeverity.Error },
        { "MDSL0029", "[Model][Input(\"t\", 8, Vocabulary = 100)][BertEncoder(1, 32, 4, 64, 16, 100, /*@*/Pretrained = \"models/bert\")][SequencePool][Dense(2)] public partial class BertNoPadding { }", DiagnosticSeverity.Error },
        { "MDSL0029", "[Model(8)][BertEncoder(1, 32, 4, 64, 16, 100, /*@*/Pretrained = \"sentence-transformers/all-MiniLM-L6-v2\")][SequencePool][Dense(2)] public partial class BertOnPlainInput { }", DiagnosticSeverity.Error },
        { "MDSL0030", "[Model(4)][Dense(4, Name = \"a\")][Dense(2, /*@*/Name = \"a\")] public partial class SameName { }", DiagnosticSeverity.Error },
        { "MDSL0031", "[Model(4)][Dense(2, /*@*/Name = \"1st\")] public partial class BadName { }", DiagnosticSeverity.Error },
        { "MDSL0032", "[Model(4)][Dense(2, /*@*/Name = \"forward\")] public partial class InheritedName { }", DiagnosticSeverity.Error },
        { "MDSL0032", "[Model(4)][Dense(2, /*@*/Name = \"class\")] public partial class KeywordName { }", DiagnosticSeverity.Error },
        { "MDSL0032", "[Model(4)][Dense(2, /*@*/Name = \"Summary\")] public partial class GeneratedName { }", DiagnosticSeverity.Error },
        { "MDSL0032", "[Model(4)][Dense(2, /*@*/Name = \"x\")] public partial class LocalName { }", DiagnosticSeverity.Error },
        { "MDSL0032", "[Model(4)][Dense(2, /*@*/Name = \"input\")] public partial class ParameterName { }", DiagnosticSeverity.Error },
        { "MDSL0032", "[Model(4)][Dense(2, /*@*/Name = \"OwnName\")] public partial class OwnName { }", DiagnosticSeverity.Error },
        { "MDSL0032", "[Model(4)][Dense(2, /*@*/Name = \"float\")] public partial class PyTorchMethodName { }", DiagnosticSeverity.Error },
        { "MDSL0032", "[Model(4)][Dense(2, /*@*/Name = \"probabilities\")] public partial class TwinMethodName { }", DiagnosticSeverity.Error },
        { "MDSL0040", "[Model(1073741824)][/*@*/Dense(16777216)] public partial class Huge { }", DiagnosticSeverity.Error },
        { "MDSL0050", "public interface IApplicant { double Income { get; } }\n[Model(/*@*/typeof(IApplicant))][Dense(1)] public partial class FromInterface { }", DiagnosticSeverity.Error },
        { "MDSL0050", "[Model(/*@*/typeof(int))][Dense(1)] public partial class FromNumber { }", DiagnosticSeverity.Error },
        { "MDSL0050", "public enum Grade { A, B }\n[Model(/*@*/typeof(Grade))][Dense(1)] public partial class FromEnum { }", DiagnosticSeverity.Error },
        { "MDSL0050", "internal record Hidden(double Income);\n[Model(/*@*/typeof(Hidden))][Dense(1)] public partial class PublicOverHidden { }", DiagnosticSeverity.Error },
        { "MDSL0050", "public class Outer { private record Secret(double Income); [Model(/*@*/typeof(Secret))][Dense(1)] internal partial class Nested { } }", DiagnosticSeverity.Error },
        { "MDSL0051", "public record Applicant(double Income, string /*@*/Name);\n[Model(typeof(Applicant))][Dense(1)] public partial class WithText { }", DiagnosticSeverity.Error },
        { "MDSL0051", "public sealed class Applicant { public double Income { get; init; }\n public System.DateTime? /*@*/Opened { get; init; } }\n[Model(typeof(Applicant))][Dense(1)] public partial class WithDate { }", DiagnosticSeverity.Error },
        { "MDSL0051", "public enum Nothing { }\npublic record Applicant(double Income, Nothing /*@*/Kind);\n[Model(typeof(Applicant))][Dense(1)] public partial class WithEmptyEnum { }", DiagnosticSeverity.Error },
        { "MDSL0052", "public record NoFields;\n[Model(/*@*/typeof(NoFields))][Dense(1)] public partial class FromNothing { }", DiagnosticSeverity.Error },
        { "MDSL0053", "public record Applicant(double Income, bool Owner);\n[Model(typeof(Applicant), /*@*/Input = new[] { 3 })][Dense(1)] public partial class WrongWidth { }", DiagnosticSeverity.Error },
        // Issue 19: scaling and embedding of record properties.
        { "MDSL0055", "public enum Kind { A, B }\npublic record Applicant(double Income, [/*@*/Scale(FeatureScale.Quantile)] Kind Kind);\n[Model(typeof(Applicant))][Dense(1)] public partial class ScaledEnum { }", DiagnosticSeverity.Error },
        { "MDSL0055", "public sealed class Applicant { public double Income { get; init; }\n [/*@*/Scale(FeatureScale.Robust)] public bool Owner { get; init; } }\n[Model(typeof(Applicant))][Dense(1)] public partial class ScaledFlag { }", DiagnosticSeverity.Error },
        { "MDSL0055", "public record Applicant([/*@*/Scale((FeatureScale)7)] double Income);\n[Model(typeof(Applicant))][Dense(1)] public partial class UnknownScale { }", DiagnosticSeverity.Error },
        { "MDSL0056", "public record Applicant([/*@*/Embed(4)] double Income, bool Owner);\n[Model(typeof(Applicant))][Dense(1)] public partial class EmbeddedNumber { }", DiagnosticSeverity.Error },
        { "MDSL0056", "public enum Kind { A, B }\npublic record Applicant([Embed(2)] Kind Purpose_Code, [/*@*/Embed(2)] Kind PurposeCode);\n[Model(typeof(Applicant))][Dense(1)] public partial class SameEmbeddingName { }", DiagnosticSeverity.Error },
        { "MDSL0057", "public enum Kind { A, B }\npublic record Applicant(double Income, [/*@*/Embed(0)] Kind Kind);\n[Model(typeof(Applicant))][Dense(1)] public partial class EmptyEmbedding { }", DiagnosticSeverity.Error },
        { "MDSL0057", "public enum Kind { A, B }\npublic record Applicant(double Income, Kind Kind);\n[Model(typeof(Applicant), /*@*/EmbedEnums = -2)][Dense(1)] public partial class NegativeDefault { }", DiagnosticSeverity.Error },
        { "MDSL0032", "public enum Kind { A, B }\npublic record Applicant(double Income, [Embed(2)] Kind Kind);\n[Model(typeof(Applicant))][Dense(1, /*@*/Name = \"embed_kind\")] public partial class LayerNamedLikeEmbedding { }", DiagnosticSeverity.Error },
        // Issue 16: graph wiring.
        { "MDSL0025", "[Model][Input(\"amounts\", 4)][/*@*/Embedding(10, 4, From = \"amounts\")][Flatten][Dense(2)] public partial class FloatsToEmbedding { }", DiagnosticSeverity.Error },
        { "MDSL0030", "[Model][Input(\"a\", 4)][Dense(2, /*@*/Name = \"a\", From = \"a\")] public partial class InputAndLayerName { }", DiagnosticSeverity.Error },
        { "MDSL0060", "[Model(4)][Dense(3, Name = \"hidden\")][Dense(2, From = /*@*/\"hiden\")] public partial class Misspelt { }", DiagnosticSeverity.Error },
        { "MDSL0060", "[Model(4)][Dense(3)][Dense(2)][Add(Inputs = new[] { \"dense_1\", /*@*/\"dense_3\" })] public partial class SecondName { }", DiagnosticSeverity.Error },
        { "MDSL0060", "[Model(4, /*@*/Output = \"head\")][Dense(2)] public partial class MissingOutput { }", DiagnosticSeverity.Error },
        { "MDSL0061", "[Model(4)][Dense(4, Name = \"a\")][/*@*/Dense(4, Name = \"b\", From = \"c\")][Dense(4, Name = \"c\", From = \"b\")][Dense(2, From = \"a\")] public partial class Loop { }", DiagnosticSeverity.Error },
        { "MDSL0061", "[Model(4)][/*@*/Dense(4, Name = \"a\", From = \"a\")] public partial class SelfLoop { }", DiagnosticSeverity.Error },
        { "MDSL0062", "[Model(4)][Dense(3, Name = \"a\")][Dense(2, Name = \"b\", From = \"a\")][/*@*/Add(Inputs = new[] { \"a\", \"b\" })] public partial class AddMismatch { }", DiagnosticSeverity.Error },
        { "MDSL0062", "[Model(2, 4)][Reshape(4, 2, Name = \"t\")][/*@*/Concatenate(Inputs = new[] { \"input\", \"t\" })][Flatten][Dense(2)] public partial class ConcatMismatch { }", DiagnosticSeverity.Error },
        { "MDSL0063", "[Model][Input(/*@*/\"a\", 4)][Input(\"b\", 4)][Dense(2, From = \"b\")] public partial class Unreached { }", DiagnosticSeverity.Error },
        { "MDSL0064", "[Model(4)][/*@*/Dense(3, Name = \"side\")][Dense(2, From = \"input\")] public partial class DeadEnd { }", DiagnosticSeverity.Warning },
        { "MDSL0065", "[Model][Input(\"t\", 8, Vocabulary = 100)][/*@*/Dense(2, From = \"t\")] public partial class TokensToDense { }", DiagnosticSeverity.Error },
        { "MDSL0066", "[Model(4)][Dense(2)][Add(/*@*/From = \"dense_1\")] public partial class LonelyAdd { }", DiagnosticSeverity.Error },
        { "MDSL0066", "[Model(4)][Dense(2)][Dense(2)][Dense(2, /*@*/Inputs = new[] { \"dense_1\", \"dense_2\" })] public partial class TwoIntoDense { }", DiagnosticSeverity.Error },
        { "MDSL0067", "[Model][Input(\"a\", 4)][Input(\"b\", 4)][/*@*/Dense(2)] public partial class WhichInput { }", DiagnosticSeverity.Error },
        { "MDSL0068", "[Model][Input(/*@*/\"a\", 0)][Dense(2)] public partial class ZeroShape { }", DiagnosticSeverity.Error },
        { "MDSL0068", "[Model][Input(/*@*/\"t\", 8, Vocabulary = 10, PaddingId = 10)][Embedding(10, 4)][Flatten][Dense(2)] public partial class BadPadding { }", DiagnosticSeverity.Error },
        { "MDSL0068", "[Model(4)][Input(/*@*/\"a\", 4)][Dense(2, From = \"a\")] public partial class BothInputStyles { }", DiagnosticSeverity.Error },
        { "MDSL0100", "[Model(4)][/*@*/Dense(3, Activation = Activation.Softmax)] public partial class Classifier { }", DiagnosticSeverity.Info },
        { "MDSL0200", "[Model(4)][Dense(1)][Train(/*@*/Loss = Loss.CrossEntropy)] public partial class OneUnitCe { }", DiagnosticSeverity.Error },
        { "MDSL0200", "[Model(4)][Dense(3)][Train(/*@*/Loss = Loss.BinaryCrossEntropy)] public partial class ThreeUnitBce { }", DiagnosticSeverity.Error },
        { "MDSL0201", "[Model(4)][Dense(1)][Train(/*@*/Metrics = new[] { Metric.RocAuc })] public partial class AucOnRegression { }", DiagnosticSeverity.Error },
        { "MDSL0202", "[Model(4)][Dense(3, Activation = Activation.Softmax)][Train(/*@*/Monitor = \"val_f1\")] public partial class UnknownMonitor { }", DiagnosticSeverity.Error },
        { "MDSL0202", "[Model(4)][Dense(3, Activation = Activation.Softmax)][Train(Metrics = new[] { Metric.F1 }, /*@*/Monitor = \"f1\")] public partial class TrainingF1Monitor { }", DiagnosticSeverity.Error },
        { "MDSL0203", "[Model(4)][Dense(2)][Train(/*@*/BatchSize = 0)] public partial class ZeroBatch { }", DiagnosticSeverity.Error },
        { "MDSL0203", "[Model(4)][Dense(2)][Train(/*@*/Device = \"tpu\")] public partial class BadDevice { }", DiagnosticSeverity.Error },
        { "MDSL0203", "[Model(4)][Dense(2)][Train(/*@*/Nesterov = true)] public partial class NesterovWithAdam { }", DiagnosticSeverity.Error },
        { "MDSL0203", "[Model(4)][Dense(2)][Train(Optimizer = Optimizer.Sgd, /*@*/Nesterov = true)] public partial class NesterovNoMomentum { }", DiagnosticSeverity.Error },
        { "MDSL0203", "[Model(4)][Dense(2)][Train(/*@*/Momentum = 0.9)] public partial class MomentumWithAdam { }", DiagnosticSeverity.Error },
        { "MDSL0203", "[Model(4)][Dense(2)][Train(/*@*/AccumulateSteps = 0)] public partial class NoAccumulation { }", DiagnosticSeverity.Error },
        { "MDSL0203", "[Model(4)][Dense(2)][Train(/*@*/WarmupSteps = 100)] public partial class WarmupWithoutSchedule { }", DiagnosticSeverity.Error },
        { "MDSL0203", "[Model(4)][Dense(2)][Train(Schedule = LearningRateSchedule.WarmupCosine, /*@*/WarmupRatio = 1.5)] public partial class WarmupRatioTooLarge { }", DiagnosticSeverity.Error },
        { "MDSL0203", "[Model(4)][Dense(8)][Dropout(0.1)][Dense(2)][Train(/*@*/Freeze = new[] { \"dense_1\", \"dropout_1\" })] public partial class FreezeParameterless { }", DiagnosticSeverity.Error },
        { "MDSL0203", "[Model(4)][Dense(2)][Train(/*@*/Freeze = new[] { \"encoder.embeddings\" })] public partial class FreezeUnknownLayer { }", DiagnosticSeverity.Error },
        { "MDSL0203", "[Model(4)][Dense(2)][Train(/*@*/Metrics = new[] { Metric.Mae, Metric.Mae })] public partial class RepeatedMetric { }", DiagnosticSeverity.Error },
        { "MDSL0204", "[Model(4)][Dense(3, Activation = Activation.Softmax)][Train(/*@*/ClassWeights = new[] { 1.0, 2.0 })] public partial class Weights { }", DiagnosticSeverity.Error },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Reports_at_the_offending_place(string id, string body, DiagnosticSeverity severity)
    {
        string marked = Header + body;
        int marker = marked.IndexOf("/*@*/", StringComparison.Ordinal);
        string source = marked.Remove(marker, 5);
        int line = source[..marker].Count(c => c == '\n');
        int column = marker - (source.LastIndexOf('\n', marker - 1) + 1);

        GeneratorRun run = GeneratorHarness.Run(source);

        Diagnostic diagnostic = Assert.Single(run.Diagnostics, d => d.Id == id);
        Assert.Equal(severity, diagnostic.Severity);
        FileLinePositionSpan span = diagnostic.Location.GetLineSpan();
        Assert.Equal("Model0.cs", span.Path);
        Assert.Equal((line, column), (span.StartLinePosition.Line, span.StartLinePosition.Character));
        Assert.False(string.IsNullOrWhiteSpace(diagnostic.GetMessage()));
        Assert.Equal($"https://github.com/modeldsl/modeldsl/blob/main/docs/diagnostics.md#{id.ToLowerInvariant()}", diagnostic.Descriptor.HelpLinkUri);
        if (severity == DiagnosticSeverity.Error)
        {
            // A model with errors gets at most a stub, which compiles, so the ModelDsl error is the only one.
            Assert.All(run.Sources.Keys, hintName => Assert.EndsWith(".Stub.g.cs", hintName));
            Assert.Empty(run.CompilationErrors);
        }
        else
            Assert.Empty(run.CompilationErrors);
    }

    [Theory]
    [InlineData("Optimizer = Optimizer.Sgd, Momentum = 0.9, Nesterov = true", "Nesterov = true")]
    [InlineData("Optimizer = Optimizer.RmsProp, Momentum = 0.5", "Momentum = 0.5")]
    [InlineData("Device = \"cuda:1\"", "Device = \"cuda:1\"")]
    public void Training_options_that_apply_are_accepted(string options, string emitted)
    {
        GeneratorRun run = GeneratorHarness.Run(Header + $"[Model(4)][Dense(2)][Train({options})] public partial class Fine {{ }}");
        Assert.DoesNotContain(run.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Empty(run.CompilationErrors);
        Assert.Contains(emitted + ",", run.Sources["Demo.Fine.Trainer.g.cs"]);
    }

    [Fact]
    public void Shape_mismatch_message_names_both_shapes_and_suggests_flatten()
    {
        GeneratorRun run = GeneratorHarness.Run(Header + "[Model(1, 28, 28)][Conv2D(8)][Dense(10)] public partial class DenseOn3D { }");
        string message = run.Single("MDSL0020").GetMessage();
        Assert.Contains("(None, 8, 26, 26)", message);
        Assert.Contains("1-D input", message);
        Assert.Contains("Flatten", message);
    }

    [Fact]
    public void Every_catalog_entry_is_documented_and_its_absolute_help_link_reaches_its_section()
    {
        string docs = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "diagnostics.md"));
        string page = GeneratorDiagnostics.RepositoryUrl + "/blob/main/docs/diagnostics.md";
        foreach (DiagnosticDescriptor descriptor in GeneratorDiagnostics.All)
        {
            Assert.Contains($"## {descriptor.Id}", docs);
            Assert.True(Uri.TryCreate(descriptor.HelpLinkUri, UriKind.Absolute, out Uri? link) && link.Scheme == Uri.UriSchemeHttps,
                $"{descriptor.Id}: help link '{descriptor.HelpLinkUri}' is not an absolute https URL");
            Assert.Equal(page, link.GetLeftPart(UriPartial.Path));
            string anchor = link.Fragment.TrimStart('#');
            Assert.True(docs.Contains($"<a id=\"{anchor}\"></a>", StringComparison.Ordinal), $"{descriptor.Id}: docs/diagnostics.md has no anchor '{anchor}'");
        }
    }

    [Fact]
    public void Help_link_address_is_the_repository_address_of_the_build()
    {
        XDocument props = XDocument.Load(Path.Combine(RepositoryPaths.Root, "Directory.Build.props"));
        Assert.Equal(GeneratorDiagnostics.RepositoryUrl, props.Descendants("RepositoryUrl").Single().Value);
        Assert.Equal(GeneratorDiagnostics.RepositoryUrl, props.Descendants("PackageProjectUrl").Single().Value);
    }

    /// <summary>
    /// The release-tracking analyzer checks that every id is listed, but cannot see the severity through the catalog's
    /// helper methods: compare category and severity here. The last row for an id wins (Shipped, then Unshipped; in
    /// "New Rules" and "Changed Rules" tables the new category and severity are the second and third columns).
    /// </summary>
    [Fact]
    public void Release_tracking_files_list_every_descriptor_with_its_category_and_severity()
    {
        var listed = new Dictionary<string, (string Category, string Severity)>();
        foreach (string file in new[] { "AnalyzerReleases.Shipped.md", "AnalyzerReleases.Unshipped.md" })
        {
            string section = "";
            foreach (string line in File.ReadLines(Path.Combine(RepositoryPaths.Root, "Generator", file)))
            {
                if (line.StartsWith("### ", StringComparison.Ordinal))
                    section = line[4..].Trim();
                else if (line.StartsWith("MDSL", StringComparison.Ordinal))
                {
                    string[] cells = line.Split('|').Select(c => c.Trim()).ToArray();
                    if (section == "Removed Rules")
                        listed.Remove(cells[0]);
                    else
                        listed[cells[0]] = (cells[1], cells[2]);
                }
            }
        }
        var expected = GeneratorDiagnostics.All.ToDictionary(d => d.Id, d => (d.Category, d.DefaultSeverity.ToString()));
        Assert.Equal(expected.OrderBy(e => e.Key), listed.OrderBy(e => e.Key));
    }

    [Fact]
    public void Dense_on_a_multi_dimensional_input_is_marked_for_the_flatten_fix_and_other_shape_errors_are_not()
    {
        GeneratorRun dense = GeneratorHarness.Run(Header + "[Model(1, 28, 28)][Conv2D(8)][Dense(10)] public partial class DenseOn3D { }");
        Assert.Equal("true", dense.Single("MDSL0020").Properties[GeneratorDiagnostics.InsertFlattenProperty]);

        GeneratorRun conv = GeneratorHarness.Run(Header + "[Model(16)][Conv2D(8)] public partial class ConvOn1D { }");
        Assert.False(conv.Single("MDSL0020").Properties.ContainsKey(GeneratorDiagnostics.InsertFlattenProperty));
    }

    [Theory]
    [InlineData("layers:\n  - type: dense\n    unit: 2\n", "unit", "units")]
    [InlineData("layers:\n  - type: dense\n    units: 2\ntraining:\n  learnig_rate: 0.1\n", "learnig_rate", "learning_rate")]
    [InlineData("layers:\n  - type: dense\n    units: 2\n    zzzzzzzz: 1\n", "zzzzzzzz", null)]
    public void Unknown_argument_carries_the_written_name_and_the_suggestion_for_the_fix(string body, string written, string? suggested)
    {
        GeneratorRun run = GeneratorHarness.Run([""], new InMemoryAdditionalText("T.model.yaml", "name: T\ninput: [4]\n" + body));
        Diagnostic diagnostic = run.Single("MDSL0012");
        Assert.Equal(written, diagnostic.Properties[GeneratorDiagnostics.WrittenNameProperty]);
        Assert.Equal(suggested, diagnostic.Properties.GetValueOrDefault(GeneratorDiagnostics.SuggestedNameProperty));
        if (suggested is not null)
            Assert.Contains($"did you mean '{suggested}'", diagnostic.GetMessage());
    }
}
