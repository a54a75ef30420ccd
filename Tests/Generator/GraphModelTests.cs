using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using ModelDsl.Tests.Support;
using TorchSharp;

namespace ModelDsl.Tests.Generator;

/// <summary>
/// Graph models (issue 16) as generated code: merges compute what TorchSharp's own operations compute on the same weights,
/// forward() keeps one local per node, the summary has Keras' "Connected to" column, and both front ends agree.
/// </summary>
public sealed partial class GraphModelTests
{
    private const string Header = "using ModelDsl;\nnamespace Graphs;\n";

    [Fact]
    public void A_residual_add_computes_the_layer_plus_its_input()
    {
        Type type = Build("[Model(4)][Dense(4, Name = \"a\", Activation = Activation.Tanh)][Add(Inputs = new[] { \"a\", \"input\" })] public partial class Residual { }", "Graphs.Residual");
        Devices.TorchNative.EnsureLoaded();
        torch.manual_seed(5);
        using var module = (torch.nn.Module<torch.Tensor, torch.Tensor>)Activator.CreateInstance(type, [null])!;
        using var scope = torch.NewDisposeScope();
        torch.Tensor x = torch.randn(3, 4);
        var parameters = module.state_dict();
        torch.Tensor expected = torch.tanh(torch.nn.functional.linear(x, parameters["a.weight"], parameters["a.bias"])) + x;
        Assert.True(module.call(x).allclose(expected, 1e-6, 1e-6));
    }

    [Fact]
    public void Two_inputs_concatenate_along_the_declared_axis_and_forward_takes_them_in_order()
    {
        Type type = Build("""
            [Model]
            [Input("left", 2, 3)]
            [Input("right", 2, 5)]
            [Concatenate(Axis = 2, Inputs = new[] { "left", "right" }, Name = "joined")]
            [Flatten]
            [Dense(1, UseBias = false, Name = "head")]
            public partial class Joined { }
            """, "Graphs.Joined");
        Devices.TorchNative.EnsureLoaded();
        using var module = (torch.nn.Module<torch.Tensor, torch.Tensor, torch.Tensor>)Activator.CreateInstance(type, [null])!;
        using var scope = torch.NewDisposeScope();
        torch.Tensor left = torch.randn(4, 2, 3), right = torch.randn(4, 2, 5);
        torch.Tensor weight = module.state_dict()["head.weight"];
        torch.Tensor expected = torch.nn.functional.linear(torch.cat([left, right], 2).flatten(1), weight);
        Assert.True(module.call(left, right).allclose(expected, 1e-6, 1e-6));
        Assert.Equal(["left", "right"], type.GetMethod("forward")!.GetParameters().Select(p => p.Name));
        Assert.Equal(new long[] { 1 }, (IReadOnlyList<long>)type.GetProperty("OutputShape")!.GetValue(null)!);
    }

    [Fact]
    public void A_multiply_gate_of_a_named_output_is_the_product_and_unused_layers_warn()
    {
        GeneratorRun run = GeneratorHarness.Run(Header + """
            [Model(Output = "gated")]
            [Input("signal", 6)]
            [Dense(6, Name = "gate", From = "signal", Activation = Activation.Sigmoid)]
            [Multiply(Inputs = new[] { "signal", "gate" }, Name = "gated")]
            [Dense(2, Name = "unused_head")]
            public partial class Gate { }
            """);
        Diagnostic unused = run.Single("MDSL0064");
        Assert.Contains("'unused_head'", unused.GetMessage());
        Type type = GeneratorHarness.Load(run.Output, "graph-gate").GetType("Graphs.Gate")!;
        Devices.TorchNative.EnsureLoaded();
        using var module = (torch.nn.Module<torch.Tensor, torch.Tensor>)Activator.CreateInstance(type, [null])!;
        using var scope = torch.NewDisposeScope();
        torch.Tensor x = torch.randn(5, 6);
        var parameters = module.state_dict();
        torch.Tensor expected = x * torch.sigmoid(torch.nn.functional.linear(x, parameters["gate.weight"], parameters["gate.bias"]));
        Assert.True(module.call(x).allclose(expected, 1e-6, 1e-6));
    }

    [Fact]
    public void Forward_has_one_local_per_node_and_the_summary_says_what_each_layer_is_connected_to()
    {
        GeneratorRun run = GeneratorHarness.Run(DocsSnippet("MarketModel"));
        Assert.Empty(run.CompilationErrors);
        string module = run.Sources["Docs.Graphs.MarketModel.Module.g.cs"];
        Assert.Contains("forward(global::TorchSharp.torch.Tensor prices, global::TorchSharp.torch.Tensor headline)", module);
        Assert.Contains("var (price_state_sequence, price_state_final, _) = this.price_state.call(prices);", module);
        Assert.Contains("var headline_summary = ", module);
        Assert.Contains("var concatenate_1 = global::TorchSharp.torch.cat(new[] { price_state, headline_summary }, 1);", module);
        Assert.Contains("return scope.MoveToOuter(dense_2);", module);

        string summary = (string)GeneratorHarness.Load(run.Output, "graph-market").GetType("Docs.Graphs.MarketModel")!.GetMethod("Summary")!.Invoke(null, null)!;
        string[] lines = summary.Split('\n');
        Assert.Matches(@"^ Layer \(type\) +Output Shape +Param # +Connected to$", lines[2]);
        Assert.Contains(lines, l => Regex.IsMatch(l, @"^ prices \(InputLayer\) +\(None, 30, 4\) +0$"));
        Assert.Contains(lines, l => Regex.IsMatch(l, @"^ headline \(token ids\) +\(None, 24\) +0$"));
        // Concatenating the LSTM's 32 units with the 32-wide pooled embedding: 64, no parameters, both sources named.
        Assert.Contains(lines, l => Regex.IsMatch(l, @"^ concatenate_1 \(Concatenate\) +\(None, 64\) +0 +price_state, headline_summary$"));
    }

    [Fact]
    public void The_docs_residual_block_written_both_ways_generates_the_same_code()
    {
        GeneratorRun fromAttributes = GeneratorHarness.Run(DocsSnippet("ResidualCnn"));
        string yaml = Regex.Match(File.ReadAllText(DocsPath), "```yaml\n(.*?)```", RegexOptions.Singleline).Groups[1].Value;
        GeneratorRun fromYaml = GeneratorHarness.Run([""], new InMemoryAdditionalText("ResidualCnn.model.yaml", yaml));
        Assert.Empty(fromAttributes.CompilationErrors);
        Assert.Empty(fromYaml.CompilationErrors);
        Assert.DoesNotContain(fromAttributes.Diagnostics, d => d.Severity >= DiagnosticSeverity.Warning);
        Assert.Equal(["Docs.Graphs.ResidualCnn.Module.g.cs", "Docs.Graphs.ResidualCnn.Onnx.g.cs", "Docs.Graphs.ResidualCnn.PyTorch.g.cs", "Docs.Graphs.ResidualCnn.Trainer.g.cs"], fromAttributes.Sources.Keys.Order());
        foreach (string hint in fromAttributes.Sources.Keys)
            Assert.Equal(fromAttributes.Sources[hint], fromYaml.Sources[hint]);
        Assert.Contains("var block_sum = block_bn2 + stem_out;", fromAttributes.Sources["Docs.Graphs.ResidualCnn.Module.g.cs"]);
    }

    [Fact]
    public void A_chain_declared_with_explicit_wiring_keeps_its_parameter_names_but_not_its_spec_hash()
    {
        // The same layers; naming the previous layer explicitly makes it a graph, whose wiring is part of the architecture.
        GeneratorRun chain = GeneratorHarness.Run(Header + "[Model(4)][Dense(3)][Dense(2)] public partial class Chain { }");
        GeneratorRun wired = GeneratorHarness.Run(Header + "[Model(4)][Dense(3)][Dense(2, From = \"dense_1\")] public partial class Chain { }");
        string Hash(GeneratorRun run) => SpecHashPattern().Match(run.Sources["Graphs.Chain.Module.g.cs"]).Groups[1].Value;
        Assert.NotEqual(Hash(chain), Hash(wired));
        Assert.Contains("private readonly global::TorchSharp.Modules.Linear dense_2;", wired.Sources["Graphs.Chain.Module.g.cs"]);
    }

    [Fact]
    public void Seven_inputs_go_through_a_generated_input_record_and_the_trainer_builds_it()
    {
        // TorchSharp's typed modules stop at six inputs; a seventh makes forward take one generated record of them.
        string inputs = string.Concat(Enumerable.Range(0, 7).Select(i => $"[Input(\"x{i}\", 2)]"));
        string names = string.Join(", ", Enumerable.Range(0, 7).Select(i => $"\"x{i}\""));
        GeneratorRun run = GeneratorHarness.Run(Header + $"[Model]{inputs}[Concatenate(Inputs = new[] {{ {names} }})][Dense(1, UseBias = false, Name = \"head\")] public partial class Wide {{ }}");
        Assert.DoesNotContain(run.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Empty(run.CompilationErrors);
        Assembly assembly = GeneratorHarness.Load(run.Output, "graph-wide");
        Type type = assembly.GetType("Graphs.Wide")!, record = assembly.GetType("Graphs.WideInputs")!;
        Devices.TorchNative.EnsureLoaded();
        using var module = (torch.nn.Module)Activator.CreateInstance(type, [null])!;
        using var scope = torch.NewDisposeScope();
        torch.Tensor[] batches = Enumerable.Range(0, 7).Select(_ => torch.randn(3, 2)).ToArray();
        object argument = Activator.CreateInstance(record, batches.Cast<object>().ToArray())!;
        var y = (torch.Tensor)type.GetMethod("forward")!.Invoke(module, [argument])!;
        torch.Tensor expected = torch.nn.functional.linear(torch.cat(batches, 1), module.state_dict()["head.weight"]);
        Assert.True(y.allclose(expected, 1e-6, 1e-6));
        Assert.Contains("Model.call(new WideInputs(inputs[0], inputs[1], inputs[2], inputs[3], inputs[4], inputs[5], inputs[6]));", run.Sources["Graphs.Wide.Trainer.g.cs"]);
    }

    private static string DocsPath => Path.Combine(RepositoryPaths.Root, "docs", "graphs.md");

    /// <summary>The ```csharp block of docs/graphs.md that declares <paramref name="className"/>.</summary>
    private static string DocsSnippet(string className) =>
        Regex.Matches(File.ReadAllText(DocsPath), "```csharp\n(.*?)```", RegexOptions.Singleline)
            .Select(m => m.Groups[1].Value).Single(block => block.Contains($"partial class {className} "));

    private static Type Build(string body, string typeName)
    {
        GeneratorRun run = GeneratorHarness.Run(Header + body);
        Assert.DoesNotContain(run.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Empty(run.CompilationErrors);
        return GeneratorHarness.Load(run.Output, "graph-" + typeName).GetType(typeName)!;
    }

    [GeneratedRegex("SpecHash = \"([0-9a-f]{16})\"")]
    private static partial Regex SpecHashPattern();
}
