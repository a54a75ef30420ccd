using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using ModelDsl.Generator;

namespace ModelDsl.Tests.Generator;

/// <summary>Edits that do not change a model must not regenerate it: every tracked step output stays Cached or Unchanged.</summary>
public sealed class IncrementalityTests
{
    private const string Model = """
        using ModelDsl;
        namespace Demo;
        [Model(4)]
        [Dense(8, Activation = Activation.ReLU)]
        [Dense(2, Activation = Activation.Softmax)]
        public partial class Tiny
        {
            public int Helper() { return 1; }
        }
        """;

    private const string Unrelated = "namespace Demo; public static class Other { public static int Value => 1; }";

    [Fact]
    public void Editing_an_unrelated_file_regenerates_nothing() =>
        AssertNothingRegenerated(compilation => Replace(compilation, "Model1.cs", Unrelated.Replace("=> 1", "=> 2")));

    [Fact]
    public void Editing_a_method_body_in_the_model_class_regenerates_nothing() =>
        AssertNothingRegenerated(compilation => Replace(compilation, "Model0.cs", Model.Replace("return 1;", "return 42;")));

    [Fact]
    public void Changing_a_layer_does_regenerate()
    {
        (GeneratorDriver driver, Compilation compilation) = FirstRun();
        Compilation edited = Replace(compilation, "Model0.cs", Model.Replace("Dense(8", "Dense(16"));
        GeneratorRunResult run = driver.RunGenerators(edited).GetRunResult().Results.Single();
        Assert.Contains(run.TrackedSteps[ModelGenerator.CheckedModelsStep].SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
    }

    [Fact]
    public void A_record_input_model_follows_its_record_in_another_file_and_ignores_unrelated_edits()
    {
        const string risk = "using ModelDsl; namespace Demo; [Model(typeof(Applicant))][Dense(1)] public partial class Risk { }";
        const string applicant = "namespace Demo; public sealed record Applicant(double Income, bool Owner);";
        Compilation compilation = GeneratorHarness.Compilation(risk, applicant, Unrelated);
        GeneratorDriver driver = GeneratorHarness.Driver().RunGenerators(compilation);
        Assert.Equal(["Demo.Risk.CsvReader.g.cs", "Demo.Risk.Featurizer.g.cs", "Demo.Risk.Module.g.cs", "Demo.Risk.Onnx.g.cs", "Demo.Risk.PyTorch.g.cs", "Demo.Risk.Trainer.g.cs"],
            driver.GetRunResult().Results.Single().GeneratedSources.Select(s => s.HintName).Order());

        AssertOnlyCachedOrUnchanged(driver.RunGenerators(Replace(compilation, "Model2.cs", Unrelated.Replace("=> 1", "=> 2"))).GetRunResult().Results.Single());

        GeneratorRunResult edited = driver.RunGenerators(Replace(compilation, "Model1.cs", applicant.Replace("bool Owner", "bool Owner, int LatePayments")))
            .GetRunResult().Results.Single();
        Assert.Contains(edited.TrackedSteps[ModelGenerator.CheckedModelsStep].SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains("\"LatePayments\"", edited.GeneratedSources.Single(s => s.HintName == "Demo.Risk.Featurizer.g.cs").SourceText.ToString());
    }

    [Fact]
    public void A_yaml_model_with_a_record_input_is_not_regenerated_by_unrelated_edits()
    {
        const string applicant = "namespace Demo; public sealed record Applicant(double Income, bool Owner);";
        var yaml = new InMemoryAdditionalText("Risk.model.yaml", "name: Risk\nnamespace: Demo\nfeatures: Demo.Applicant\nlayers:\n  - { type: dense, units: 1 }\n");
        Compilation compilation = GeneratorHarness.Compilation(applicant, Unrelated);
        GeneratorDriver driver = GeneratorHarness.Driver(yaml).RunGenerators(compilation);
        Assert.Equal(6, driver.GetRunResult().GeneratedTrees.Length); // module, trainer, ONNX export, PyTorch twin, featurizer, CSV reader

        AssertOnlyCachedOrUnchanged(driver.RunGenerators(Replace(compilation, "Model1.cs", Unrelated.Replace("=> 1", "=> 2"))).GetRunResult().Results.Single(),
            ModelGenerator.YamlModelsStep);
    }

    [Fact]
    public void A_line_added_above_a_model_moves_its_diagnostics_and_regenerates_no_source()
    {
        (GeneratorDriver driver, Compilation compilation) = FirstRun();
        Assert.Equal(4, driver.GetRunResult().Diagnostics.Single(d => d.Id == "MDSL0100").Location.GetLineSpan().StartLinePosition.Line);

        GeneratorDriver moved = driver.RunGenerators(Replace(compilation, "Model0.cs", "// a comment above everything\n" + Model));
        GeneratorRunResult run = moved.GetRunResult().Results.Single();
        // The checked model changed (its spans moved), so its diagnostics are reported again, one line lower ...
        Assert.Contains(run.TrackedSteps[ModelGenerator.CheckedModelsStep].SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Equal(5, run.Diagnostics.Single(d => d.Id == "MDSL0100").Location.GetLineSpan().StartLinePosition.Line);
        // ... but what the emitters read holds no spans, so no source is written again.
        var emitted = run.TrackedSteps[ModelGenerator.SourceModelsStep].SelectMany(s => s.Outputs).ToList();
        Assert.NotEmpty(emitted);
        Assert.All(emitted, o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"emitter input was {o.Reason}"));
    }

    [Fact]
    public void Moving_a_graph_model_down_a_line_regenerates_no_source()
    {
        // Named inputs and layer references carry spans of their own; none may reach what the emitters read.
        const string graph = """
            using ModelDsl;
            namespace Demo;
            [Model]
            [Input("prices", 8)]
            [Input("volumes", 8)]
            [Dense(4, From = "prices", Name = "p")]
            [Dense(4, From = "volumes", Name = "v")]
            [Add(Inputs = new[] { "p", "v" })]
            [Dense(2)]
            public partial class TwoInputs { }
            """;
        Compilation compilation = GeneratorHarness.Compilation(graph, Unrelated);
        GeneratorDriver driver = GeneratorHarness.Driver().RunGenerators(compilation);
        Assert.Equal(4, driver.GetRunResult().GeneratedTrees.Length); // module, trainer, ONNX export, PyTorch twin
        GeneratorRunResult run = driver.RunGenerators(Replace(compilation, "Model0.cs", "\n" + graph)).GetRunResult().Results.Single();
        var emitted = run.TrackedSteps[ModelGenerator.SourceModelsStep].SelectMany(s => s.Outputs).ToList();
        Assert.NotEmpty(emitted);
        Assert.All(emitted, o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"emitter input was {o.Reason}"));
    }

    private static Compilation Replace(Compilation compilation, string path, string text) =>
        compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.Single(t => t.FilePath == path), CSharpSyntaxTree.ParseText(text, GeneratorHarness.ParseOptions, path));

    private static (GeneratorDriver Driver, Compilation Compilation) FirstRun()
    {
        Compilation compilation = GeneratorHarness.Compilation(Model, Unrelated);
        GeneratorDriver driver = GeneratorHarness.Driver().RunGenerators(compilation);
        Assert.Equal(4, driver.GetRunResult().GeneratedTrees.Length); // module, trainer, ONNX export, PyTorch twin
        return (driver, compilation);
    }

    private static void AssertNothingRegenerated(Func<Compilation, Compilation> edit)
    {
        (GeneratorDriver driver, Compilation compilation) = FirstRun();
        AssertOnlyCachedOrUnchanged(driver.RunGenerators(edit(compilation)).GetRunResult().Results.Single());
    }

    private static void AssertOnlyCachedOrUnchanged(GeneratorRunResult run, string step = ModelGenerator.CheckedModelsStep)
    {
        var outputs = run.TrackedSteps[step].SelectMany(s => s.Outputs).ToList();
        Assert.NotEmpty(outputs);
        Assert.All(outputs, o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"step output was {o.Reason}"));
        Assert.All(run.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs),
            o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"source output was {o.Reason}"));
    }
}
