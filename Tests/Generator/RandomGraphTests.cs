using System.Reflection;
using System.Text;
using Microsoft.CodeAnalysis;
using TorchSharp;

namespace ModelDsl.Tests.Generator;

/// <summary>
/// Property test for graph models (issue 16): 200 random valid graphs — one to three named inputs of mixed kinds (float
/// vectors, images, sequences, token ids), residual Add/Multiply blocks, channel and feature concatenations, branches
/// merged before a head — go through the generator; each generated module runs forward on random inputs, and its
/// compile-time output shape and parameter count must equal what TorchSharp reports.
/// </summary>
public sealed class RandomGraphTests
{
    private const int Models = 200;

    [Fact]
    public void Compile_time_shapes_and_parameter_counts_of_random_graphs_match_torchsharp()
    {
        var random = new Random(20261201);
        var source = new StringBuilder("using ModelDsl;\nnamespace RandomGraphs;\n");
        var inputs = new List<List<(long[] Shape, bool Tokens)>>();
        int merges = 0, multiInput = 0, mixedKinds = 0;
        for (int i = 0; i < Models; i++)
        {
            (string attributes, List<(long[] Shape, bool Tokens)> declared, int mergeCount) = RandomGraph(random);
            inputs.Add(declared);
            merges += mergeCount;
            multiInput += declared.Count > 1 ? 1 : 0;
            mixedKinds += declared.Any(d => d.Tokens) && declared.Any(d => !d.Tokens) ? 1 : 0;
            source.Append(attributes).Append($"public partial class G{i} {{ }}\n");
        }
        // The generator must have been exercised on what the issue names, not only on chains.
        Assert.True(merges >= Models && multiInput >= Models / 3 && mixedKinds >= Models / 10,
            $"merges {merges}, multi-input {multiInput}, mixed kinds {mixedKinds}");

        GeneratorRun run = GeneratorHarness.Run(source.ToString());
        Assert.True(run.Diagnostics.All(d => d.Severity != DiagnosticSeverity.Error),
            "generator errors: " + string.Join("\n", run.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(5)));
        Assert.Empty(run.CompilationErrors);

        Assembly assembly = GeneratorHarness.Load(run.Output, "random-graphs");
        Devices.TorchNative.EnsureLoaded();
        torch.manual_seed(1);
        for (int i = 0; i < Models; i++)
        {
            Type type = assembly.GetType($"RandomGraphs.G{i}")!;
            long[] output = ((IReadOnlyList<long>)type.GetProperty("OutputShape")!.GetValue(null)!).ToArray();
            long parameters = (long)type.GetField("ParameterCount")!.GetValue(null)!;

            using var module = (torch.nn.Module)Activator.CreateInstance(type, [null])!;
            module.eval();
            using var scope = torch.NewDisposeScope();
            object[] batch = inputs[i]
                .Select(input => (object)(input.Tokens ? torch.randint(0, 20, [2, .. input.Shape]) : torch.rand([2, .. input.Shape])))
                .ToArray();
            MethodInfo forward = type.GetMethod("forward", inputs[i].Select(_ => typeof(torch.Tensor)).ToArray())!;
            var y = (torch.Tensor)forward.Invoke(module, batch)!;

            string where = $"model G{i}: {type.GetMethod("Summary")!.Invoke(null, null)}";
            Assert.True(new long[] { 2 }.Concat(output).SequenceEqual(y.shape), $"{where}\nruntime output shape [{string.Join(", ", y.shape)}]");
            Assert.True(parameters == module.parameters().Sum(p => p.numel()), $"{where}\nruntime parameters {module.parameters().Sum(p => p.numel())}");
        }
    }

    /// <summary>
    /// A random graph that is valid by construction: one to three input branches (each a random chain from
    /// <see cref="RandomModelTests.RandomBranch"/>, sometimes with a residual or concatenation block), each ending in a
    /// Dense, merged by Add/Multiply (equal widths) or Concatenate, then a head.
    /// </summary>
    internal static (string Attributes, List<(long[] Shape, bool Tokens)> Inputs, int Merges) RandomGraph(Random random)
    {
        var text = new StringBuilder("[Model]");
        var layers = new StringBuilder();
        var declared = new List<(long[] Shape, bool Tokens)>();
        int branches = random.Next(1, 4), merges = 0;
        long width = random.Next(2, 9);
        bool sameWidth = random.Next(2) == 0;
        var ends = new List<(string Name, long Width)>();
        for (int b = 0; b < branches; b++)
        {
            (string input, List<string> chain, bool tokens) = RandomBranch(random, b, ref merges);
            long[] shape = input.Split(',').Select(d => long.Parse(d.Trim(), System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            declared.Add((shape, tokens));
            text.Append($"[Input(\"in{b}\", {input}{(tokens ? ", Vocabulary = 20, PaddingId = 0" : "")})]");
            chain[0] = WithArgument(chain[0], $"From = \"in{b}\"");
            long end = sameWidth ? width : random.Next(2, 9);
            chain.Add($"[Dense({end}, Name = \"b{b}_out\", Activation = Activation.ReLU)]");
            if (random.Next(3) == 0)
            {
                // A residual block on the branch's vector: two dense layers of its width, added or gated back.
                chain.Add($"[Dense({end}, Name = \"b{b}_r\", Activation = Activation.Tanh)]");
                chain.Add($"[{(random.Next(2) == 0 ? "Add" : "Multiply")}(Name = \"b{b}_res\", Inputs = new[] {{ \"b{b}_out\", \"b{b}_r\" }})]");
                merges++;
                ends.Add(($"b{b}_res", end));
            }
            else
                ends.Add(($"b{b}_out", end));
            layers.Append(string.Concat(chain));
        }
        string names = string.Join(", ", ends.Select(e => $"\"{e.Name}\""));
        if (ends.Count > 1)
        {
            bool equal = ends.All(e => e.Width == ends[0].Width);
            string merge = !equal || random.Next(3) == 0 ? $"Concatenate(Axis = {(random.Next(2) == 0 ? -1 : 1)}, " : random.Next(2) == 0 ? "Add(" : "Multiply(";
            layers.Append($"[{merge}Name = \"merged\", Inputs = new[] {{ {names} }})]");
            merges++;
        }
        else
            layers.Append($"[Dropout(0.1, From = {names})]");
        int head = random.Next(1, 6);
        layers.Append($"[Dense({head}{(head > 1 && random.Next(3) == 0 ? ", Activation = Activation.Softmax" : "")})]");
        return (text.Append(layers).Append('\n').ToString(), declared, merges);
    }

    /// <summary>
    /// A random chain whose layer names are made unique to branch <paramref name="branch"/>; images and sequences sometimes
    /// get a residual Add of two "same"-padded convolutions or a channel concatenation first.
    /// </summary>
    private static (string Input, List<string> Layers, bool Tokens) RandomBranch(Random random, int branch, ref int merges)
    {
        (string input, List<string> chain, bool tokens) = RandomModelTests.RandomBranch(random);
        for (int i = 0; i < chain.Count; i++)
            chain[i] = WithArgument(chain[i], $"Name = \"b{branch}_{i}\"");
        string[] dims = input.Split(',');
        if (!tokens && dims.Length >= 2 && random.Next(2) == 0)
        {
            // Channels-first image (c, h, w) or signal (c, length): a block in front of the random chain, which keeps its channels.
            string conv = dims.Length == 3 ? "Conv2D" : "Conv1D";
            string channels = dims[0].Trim();
            bool concatenate = random.Next(2) == 0;
            string p = $"b{branch}_p", q = $"b{branch}_q";
            var block = new List<string>
            {
                $"[{conv}({channels}, Kernel = 3, Padding = Padding.Same, Activation = Activation.ReLU, Name = \"{p}\")]",
                $"[{conv}({channels}, Kernel = 3, Padding = Padding.Same, Name = \"{q}\")]",
            };
            if (concatenate)
            {
                // Concatenating doubles the channels; a 1-wide convolution brings them back for the random chain that follows.
                block.Add($"[Concatenate(Axis = 1, Name = \"b{branch}_cat\", Inputs = new[] {{ \"{p}\", \"{q}\" }})]");
                block.Add($"[{conv}({channels}, Kernel = 1, Name = \"b{branch}_mix\")]");
            }
            else
                block.Add($"[Add(Name = \"b{branch}_sum\", Inputs = new[] {{ \"{p}\", \"{q}\" }})]");
            merges++;
            chain.InsertRange(0, block);
        }
        return (input, chain, tokens);
    }

    /// <summary>Adds a named argument to an attribute written as <c>[Kind]</c> or <c>[Kind(...)]</c>.</summary>
    private static string WithArgument(string attribute, string argument) =>
        attribute.EndsWith(")]", StringComparison.Ordinal)
            ? attribute[..^2] + (attribute.EndsWith("()]", StringComparison.Ordinal) ? "" : ", ") + argument + ")]"
            : attribute[..^1] + "(" + argument + ")]";
}
