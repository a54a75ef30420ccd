using Microsoft.CodeAnalysis;

namespace ModelDsl.Tests.Generator;

/// <summary>
/// The failures an outside fuzz run found (issue 14): each input once made the compiler crash, hang, lose every model's
/// generated code (CS8785) or emit code that does not compile. Each must now give ModelDsl diagnostics only, at the right place.
/// </summary>
public sealed class RobustnessTests
{
    private const string Header = "using ModelDsl;\nnamespace Demo;\n";

    private static GeneratorRun Run(string body) => GeneratorHarness.Run(Header + body);

    private static IEnumerable<Diagnostic> Errors(GeneratorRun run) =>
        run.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Concat(run.CompilationErrors);

    [Fact]
    public void A_model_named_like_another_models_trainer_is_reported_and_the_other_model_is_still_generated()
    {
        GeneratorRun run = Run("[Model(4)][Dense(2)] public partial class Foo { }\n[Model(4)][Dense(3)] public partial class FooTrainer { }");
        Diagnostic clash = run.Single("MDSL0009");
        Assert.Contains("'Demo.FooTrainer'", clash.GetMessage());
        Assert.Equal(3, clash.Location.GetLineSpan().StartLinePosition.Line);
        Assert.Equal(["Demo.Foo.Module.g.cs", "Demo.Foo.Onnx.g.cs", "Demo.Foo.PyTorch.g.cs", "Demo.Foo.Trainer.g.cs"], run.Sources.Keys.Order());
        Assert.DoesNotContain(run.Diagnostics, d => d.Id == "CS8785");
    }

    [Fact]
    public void A_keyword_namespace_is_escaped_in_code_and_left_out_of_hint_names()
    {
        GeneratorRun run = GeneratorHarness.Run("using ModelDsl;\nnamespace @class;\n[Model(4)][Dense(2)] public partial class M { }\n" +
            "public static class Use { public static long Count() => M.ParameterCount + MTrainer.DefaultOptions.Epochs; }");
        Assert.Empty(Errors(run));
        Assert.Equal(["class.M.Module.g.cs", "class.M.Onnx.g.cs", "class.M.PyTorch.g.cs", "class.M.Trainer.g.cs"], run.Sources.Keys.Order());
        Assert.StartsWith("namespace @class", run.Sources["class.M.Module.g.cs"].Split('\n')[3]);
    }

    [Fact]
    public void A_keyword_yaml_namespace_is_escaped()
    {
        var file = new InMemoryAdditionalText("m.model.yaml", "name: M\nnamespace: Fuzz.class\ninput: [4]\nlayers:\n  - type: dense\n    units: 2\n");
        GeneratorRun run = GeneratorHarness.Run([""], file);
        Assert.Empty(Errors(run));
        Assert.Contains("namespace Fuzz.@class", run.Sources["Fuzz.class.M.Module.g.cs"]);
    }

    [Fact]
    public void Model_on_two_partial_declarations_costs_only_the_compilers_duplicate_attribute_error()
    {
        GeneratorRun run = Run("[Model(4)][Dense(2)] public partial class Twice { }\n[Model(4)] public partial class Twice { }");
        Assert.DoesNotContain(run.Diagnostics, d => d.Id is "CS8785" or "MDSL0999");
        Assert.Equal(["Demo.Twice.Module.g.cs", "Demo.Twice.Onnx.g.cs", "Demo.Twice.PyTorch.g.cs", "Demo.Twice.Trainer.g.cs"], run.Sources.Keys.Order());
        Assert.Equal(["CS0579"], run.CompilationErrors.Select(d => d.Id).Distinct());
    }

    [Theory]
    [InlineData("@int")]
    [InlineData("var")]
    [InlineData("Summary")]
    [InlineData("forward")]
    [InlineData("InputShape")]
    [InlineData("Device")]
    [InlineData("Dispose")]
    [InlineData("Equals")]
    public void A_model_name_the_generated_code_cannot_use_is_reported(string name)
    {
        GeneratorRun run = Run($"[Model(4)][Dense(2)] public partial class {name} {{ }}");
        Diagnostic diagnostic = run.Single("MDSL0008");
        Assert.Contains($"'{name.TrimStart('@')}'", diagnostic.GetMessage());
        Assert.Empty(run.Sources);
        Assert.DoesNotContain(run.CompilationErrors, d => d.Location.SourceTree?.FilePath.EndsWith(".g.cs") == true);
    }

    [Theory]
    [InlineData("None", "Python keyword")]
    [InlineData("F", "torch.nn.functional")]
    [InlineData("Torch", "'torch.py' would shadow")]
    [InlineData("Json", "'json.py' would shadow")]
    [InlineData("ModeldslTrain", "'modeldsl_train.py' would shadow")]
    public void A_model_name_its_pytorch_twin_cannot_use_is_reported(string name, string reason)
    {
        GeneratorRun run = Run($"[Model(4)][Dense(2)] public partial class {name} {{ }}");
        Assert.Contains(reason, run.Single("MDSL0008").GetMessage());
        Assert.Empty(run.Sources);
    }

    [Theory]
    [InlineData("Load")]
    [InlineData("Featurizer")]
    public void A_record_model_name_that_meets_its_trainers_featurizer_members_is_reported(string name)
    {
        GeneratorRun run = Run($"public sealed record Applicant(double Income, bool Owner);\n[Model(typeof(Applicant))][Dense(1)] public partial class {name} {{ }}");
        Assert.Contains("trainer", run.Single("MDSL0008").GetMessage());
        Assert.DoesNotContain(run.CompilationErrors, d => d.Location.SourceTree?.FilePath.EndsWith(".g.cs") == true);
    }

    [Theory]
    [InlineData("name")]
    [InlineData("pre_hooks")]
    [InlineData("ClearModules")]
    [InlineData("_parameters")]
    [InlineData("ReferenceEquals")]
    public void A_layer_named_like_an_inherited_module_member_is_reported(string name)
    {
        GeneratorRun run = Run($"[Model(4)][Dense(2, Name = \"{name}\")] public partial class Hides {{ }}");
        Assert.Contains(name, run.Single("MDSL0032").GetMessage());
        Assert.Empty(run.CompilationErrors);
    }

    [Fact]
    public void A_layer_named_like_forwards_input_parameter_is_reported()
    {
        // forward() declares one local per layer, named after it, and the first layer reads the parameter 'input'.
        GeneratorRun run = Run("[Model(4)][Dense(3, Name = \"input\")][Dense(2)] public partial class ReadsItself { }");
        Assert.Contains("'input'", run.Single("MDSL0032").GetMessage());
        Assert.Empty(run.CompilationErrors);
    }

    [Fact]
    public void A_layer_named_like_the_local_of_a_later_recurrent_layer_is_reported()
    {
        GeneratorRun run = Run("[Model(5, 3)][LayerNorm(Name = \"seq_final\")][LSTM(4, Name = \"seq\")] public partial class Earlier { }");
        Assert.Contains("'seq_final'", run.Single("MDSL0032").GetMessage());
        Assert.Empty(run.CompilationErrors);
    }

    [Fact]
    public void A_layer_named_like_a_recurrent_layers_local_is_reported()
    {
        GeneratorRun run = Run("[Model(5, 3)][GRU(4)][Dense(2, Name = \"gru_1_sequence\")] public partial class Shadow { }");
        Assert.Contains("'gru_1'", run.Single("MDSL0032").GetMessage());
        Assert.Empty(run.CompilationErrors);
    }

    [Theory]
    [InlineData("private int dense_1;", "dense_1")]
    [InlineData("public static string Summary() => \"\";", "Summary")]
    [InlineData("public int forward;", "forward")]
    [InlineData("public const string SpecHash = \"\";", "SpecHash")]
    public void A_user_member_the_generated_module_also_declares_is_reported_at_the_member(string member, string name)
    {
        GeneratorRun run = Run($"[Model(4)][Dense(2)] public partial class Mine {{ {member} }}");
        Diagnostic diagnostic = run.Single("MDSL0006");
        Assert.Contains($"'{name}'", diagnostic.GetMessage());
        Assert.Equal(2, diagnostic.Location.GetLineSpan().StartLinePosition.Line);
        Assert.True(diagnostic.Location.GetLineSpan().StartLinePosition.Character > 40, "reported at the class, not the member");
        Assert.Empty(run.Sources);
    }

    [Fact]
    public void A_user_subclass_of_layer_attribute_is_reported_at_the_attribute()
    {
        GeneratorRun run = Run("public sealed class MyLayerAttribute : LayerAttribute { }\n[Model(4)][Dense(3)][MyLayer][Dense(2)] public partial class Custom { }\n" +
            "public static class Use { public static long Count() => Custom.ParameterCount; }");
        Diagnostic diagnostic = run.Single("MDSL0015");
        Assert.Contains("[MyLayer]", diagnostic.GetMessage().Replace("MyLayerAttribute", "MyLayer"));
        Assert.Equal((3, 21), (diagnostic.Location.GetLineSpan().StartLinePosition.Line, diagnostic.Location.GetLineSpan().StartLinePosition.Character));
        Assert.Empty(run.CompilationErrors);
    }

    [Fact]
    public void Record_argument_and_training_errors_are_reported_in_one_build()
    {
        GeneratorRun run = Run("public record Applicant(double Income, string Name);\n" +
            "[Model(typeof(Applicant))][Dense(0)][Train(BatchSize = 0, Epochs = 0)] public partial class AllAtOnce { }");
        Assert.Equal(["MDSL0010", "MDSL0051", "MDSL0203", "MDSL0203"], run.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.Id).Order());
    }

    [Theory]
    [InlineData("[Dense(0)]", "MDSL0010")]
    [InlineData("[Dense(3, Activation = Activation.Softmax)][Train(Monitor = \"val_f1\")]", "MDSL0202")]
    [InlineData("[Conv2D(8)]", "MDSL0020")]
    [InlineData("[Dense(2)][Train(Epochs = 0)]", "MDSL0203")]
    public void One_mistake_in_a_project_that_uses_the_model_is_exactly_one_error_line(string layers, string id)
    {
        // The project trains and predicts with the model; without stubs every use was a CS0103 beside the real error.
        GeneratorRun run = Run($"[Model(4)]{layers} public partial class Scorer {{ }}\n" +
            "public static class App {\n" +
            "    public static float[] Score(TorchSharp.torch.Tensor x) {\n" +
            "        using ScorerTrainer trainer = ScorerTrainer.Create(ScorerTrainer.DefaultOptions with { Epochs = 1 });\n" +
            "        System.Console.WriteLine(Scorer.Summary() + Scorer.ParameterCount + trainer.Model.Probabilities(x));\n" +
            "        return trainer.Predict(x).data<float>().ToArray();\n" +
            "    }\n" +
            "}");
        Diagnostic only = Assert.Single(Errors(run));
        Assert.Equal(id, only.Id);
    }

    [Fact]
    public void A_stubbed_model_throws_naming_its_errors_when_used()
    {
        GeneratorRun run = Run("[Model(4)][Dense(0)] public partial class Broken { }");
        System.Reflection.Assembly assembly = GeneratorHarness.Load(run.Output, "stub");
        var constructor = assembly.GetType("Demo.Broken")!.GetConstructors().Single();
        var thrown = Assert.Throws<System.Reflection.TargetInvocationException>(() => constructor.Invoke([null]));
        Assert.Contains("'Broken' has ModelDsl errors", Assert.IsType<InvalidOperationException>(thrown.InnerException).Message);
    }

    [Fact]
    public void A_one_unit_model_is_not_called_multi_class()
    {
        GeneratorRun run = Run("[Model(4)][Dense(1)][Train(Metrics = new[] { Metric.Accuracy })] public partial class OneUnit { }");
        string message = run.Single("MDSL0201").GetMessage();
        Assert.DoesNotContain("multi-class", message);
        Assert.Contains("regression model (of 1 value)", message);
    }

    [Fact]
    public void A_yaml_shape_hint_names_the_yaml_layer_not_the_attribute()
    {
        var file = new InMemoryAdditionalText("m.model.yaml", "name: M\ninput: [1, 8, 8]\nlayers:\n  - type: dense\n    units: 2\n");
        GeneratorRun run = GeneratorHarness.Run([""], file);
        string message = run.Single("MDSL0020").GetMessage();
        Assert.Contains("add a 'flatten' layer", message);
        Assert.DoesNotContain("[Flatten]", message);
    }

    [Fact]
    public void Probabilities_are_probabilities_for_classifiers_and_absent_for_regression()
    {
        GeneratorRun run = Run("[Model(4)][Dense(3)][Train(Loss = Loss.CrossEntropy)] public partial class Logits { }\n" +
            "[Model(4)][Dense(1, Activation = Activation.Sigmoid)] public partial class Binary { }\n" +
            "[Model(4)][Dense(2)] public partial class Values { }");
        Assert.Empty(Errors(run));
        System.Reflection.Assembly assembly = GeneratorHarness.Load(run.Output, "probabilities");
        Devices.TorchNative.EnsureLoaded();
        TorchSharp.torch.manual_seed(5);
        using var input = TorchSharp.torch.randn(6, 4);

        // A cross-entropy model without a declared softmax: Probabilities used to return forward()'s logits.
        using var logits = (TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor>)Activator.CreateInstance(assembly.GetType("Demo.Logits")!, [null])!;
        using var classes = (TorchSharp.torch.Tensor)logits.GetType().GetMethod("Probabilities")!.Invoke(logits, [input])!;
        Assert.True(classes.sum(1).allclose(TorchSharp.torch.ones(6)), "class probabilities must sum to 1");
        Assert.True(classes.min().item<float>() >= 0);

        // A binary model: Probabilities and the trainer's Predict give one probability per example, the same values.
        Type trainerType = assembly.GetType("Demo.BinaryTrainer")!;
        using var trainer = (IDisposable)trainerType.GetMethod("Create")!.Invoke(null, [null])!;
        var model = (TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor>)trainerType.GetProperty("Model")!.GetValue(trainer)!;
        model.eval();
        using var probabilities = (TorchSharp.torch.Tensor)model.GetType().GetMethod("Probabilities")!.Invoke(model, [input])!;
        using var predicted = (TorchSharp.torch.Tensor)trainerType.GetMethod("Predict", [typeof(TorchSharp.torch.Tensor)])!.Invoke(trainer, [input])!;
        Assert.Equal([6L], probabilities.shape);
        Assert.Equal(predicted.shape, probabilities.shape);
        Assert.True(probabilities.allclose(predicted));

        Assert.Null(assembly.GetType("Demo.Values")!.GetMethod("Probabilities"));
    }
}
