using System.Globalization;
using System.Reflection;
using System.Text;
using Microsoft.CodeAnalysis;
using TorchSharp;

namespace ModelDsl.Tests.Generator;

/// <summary>
/// Property test: 200 random valid layer stacks go through the generator; each generated module runs forward on random
/// input, and its compile-time output shape and parameter count must equal what TorchSharp reports.
/// </summary>
public sealed class RandomModelTests
{
    private const int Models = 200;

    [Fact]
    public void Compile_time_shapes_and_parameter_counts_match_torchsharp()
    {
        var random = new Random(20261128);
        var source = new StringBuilder("using ModelDsl;\nnamespace RandomModels;\n");
        var tokenInputs = new HashSet<int>();
        for (int i = 0; i < Models; i++)
        {
            (string attributes, bool tokens) = RandomStack(random);
            if (tokens)
                tokenInputs.Add(i);
            source.Append(attributes).Append($"public partial class M{i} {{ }}\n");
        }

        GeneratorRun run = GeneratorHarness.Run(source.ToString());
        Assert.True(run.Diagnostics.All(d => d.Severity != DiagnosticSeverity.Error),
            "generator errors: " + string.Join("\n", run.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(5)));
        Assert.Empty(run.CompilationErrors);

        Assembly assembly = GeneratorHarness.Load(run.Output, "random-models");
        Devices.TorchNative.EnsureLoaded();
        torch.manual_seed(1);
        for (int i = 0; i < Models; i++)
        {
            Type type = assembly.GetType($"RandomModels.M{i}")!;
            long[] input = ((IReadOnlyList<long>)type.GetProperty("InputShape")!.GetValue(null)!).ToArray();
            long[] output = ((IReadOnlyList<long>)type.GetProperty("OutputShape")!.GetValue(null)!).ToArray();
            long parameters = (long)type.GetField("ParameterCount")!.GetValue(null)!;

            using var module = (torch.nn.Module<torch.Tensor, torch.Tensor>)Activator.CreateInstance(type, [null])!;
            module.eval();
            using var scope = torch.NewDisposeScope();
            long[] batchShape = [2, .. input];
            torch.Tensor x = tokenInputs.Contains(i) ? torch.randint(0, 20, batchShape) : torch.rand(batchShape);
            torch.Tensor y = module.call(x);

            string where = $"model M{i}: {type.GetMethod("Summary")!.Invoke(null, null)}";
            Assert.True(new long[] { 2 }.Concat(output).SequenceEqual(y.shape), $"{where}\nruntime output shape [{string.Join(", ", y.shape)}]");
            Assert.True(parameters == module.parameters().Sum(p => p.numel()), $"{where}\nruntime parameters {module.parameters().Sum(p => p.numel())}");
        }
    }

    /// <summary>A convolution whose window fits: stride, dilation and explicit or "same" padding vary; <paramref name="size"/> becomes its output size.</summary>
    private static string RandomConvolution(Random random, string kind, ref long size, string activation)
    {
        long dilation = random.Next(1, 3);
        long kernel = random.Next(1, 4);
        while (dilation * (kernel - 1) + 1 > size)
            (kernel, dilation) = (Math.Max(1, kernel - 1), 1);
        bool same = random.Next(4) == 0;
        long stride = same ? 1 : random.Next(1, 3);
        long padding = same ? 0 : random.Next(0, 2);
        string options = same ? ", Padding = Padding.Same" : $", Stride = {stride}, PaddingSize = {padding}";
        size = same ? size : (size + 2 * padding - dilation * (kernel - 1) - 1) / stride + 1;
        return $"[{kind}({random.Next(1, 7)}, Kernel = {kernel}, Dilation = {dilation}{options}, Activation = Activation.{activation})]";
    }

    /// <summary>A max or average pool of 2 with the default stride (the pool) or stride 1; <paramref name="size"/> becomes its output size.</summary>
    private static string RandomPool(Random random, string dimensions, ref long size)
    {
        bool strideOne = random.Next(3) == 0;
        size = strideOne ? size - 1 : size / 2;
        return $"[{(random.Next(2) == 0 ? "MaxPool" : "AvgPool")}{dimensions}(2{(strideOne ? ", Stride = 1" : "")})]";
    }

    /// <summary>A random stack that is valid by construction: sizes are tracked so windows always fit.</summary>
    internal static (string Attributes, bool Tokens) RandomStack(Random random)
    {
        (string input, List<string> layers, bool tokens) = RandomBranch(random);
        string[] activations = ["ReLU", "GELU", "Tanh", "Sigmoid", "LeakyReLU", "ELU", "SiLU", "None"];
        string Act() => activations[random.Next(activations.Length)];
        for (int n = random.Next(1, 3); n > 0; n--)
            layers.Add($"[Dense({random.Next(1, 12)}, Activation = Activation.{Act()}, UseBias = {(random.Next(4) == 0 ? "false" : "true")})]");
        if (random.Next(4) == 0) // a classifier head: forward() leaves the softmax to Probabilities(), the shape stays
            layers.Add($"[Dense({random.Next(2, 6)}, Activation = Activation.Softmax)]");
        return ($"[Model({input})]" + string.Concat(layers) + "\n", tokens);
    }

    /// <summary>
    /// The input (shape, as attribute arguments) and layers of a random chain that ends in a 1-D output of unknown width;
    /// </summary>
    internal static (string Input, List<string> Layers, bool Tokens) RandomBranch(Random random)
    {
        var layers = new List<string>();
        string[] activations = ["ReLU", "GELU", "Tanh", "Sigmoid", "LeakyReLU", "ELU", "SiLU", "None"];
        string Act() => activations[random.Next(activations.Length)];
        string input;
        bool tokens = false;
        switch (random.Next(5))
        {
            case 0: // image
            {
                long channels = random.Next(1, 4), size = random.Next(8, 17);
                input = $"{channels}, {size}, {size}";
                for (int n = random.Next(1, 4); n > 0; n--)
                {
                    switch (random.Next(5))
                    {
                        case 0 or 1:
                            layers.Add(RandomConvolution(random, "Conv2D", ref size, Act()));
                            break;
                        case 2 when size >= 2:
                            layers.Add(RandomPool(random, "2D", ref size));
                            break;
                        case 3:
                            layers.Add("[BatchNorm]");
                            break;
                        default:
                            layers.Add(random.Next(2) == 0 ? $"[Dropout({random.Next(0, 5) / 10.0})]" : $"[Activation(Activation.{Act()})]");
                            break;
                    }
                }
                layers.Add(random.Next(2) == 0 ? "[Flatten]" : "[GlobalAvgPool]");
                break;
            }
            case 4: // channels-first signal (channels, length) through Conv1D and 1-D pooling
            {
                long channels = random.Next(1, 4), length = random.Next(6, 20);
                input = $"{channels}, {length}";
                for (int n = random.Next(1, 4); n > 0; n--)
                {
                    switch (random.Next(4))
                    {
                        case 0 or 1:
                            layers.Add(RandomConvolution(random, "Conv1D", ref length, Act()));
                            break;
                        case 2 when length >= 2:
                            layers.Add(RandomPool(random, "1D", ref length));
                            break;
                        default:
                            layers.Add("[BatchNorm]");
                            break;
                    }
                }
                layers.Add(random.Next(2) == 0 ? "[Flatten]" : "[GlobalAvgPool]");
                break;
            }
            case 1: // sequence of features
            {
                long time = random.Next(3, 9), features = random.Next(2, 7);
                input = $"{time}, {features}";
                string kind = random.Next(2) == 0 ? "LSTM" : "GRU";
                bool sequences = random.Next(2) == 0;
                layers.Add($"[{kind}({random.Next(2, 9)}, Layers = {random.Next(1, 3)}, Bidirectional = {(random.Next(2) == 0 ? "true" : "false")}, ReturnSequences = {(sequences ? "true" : "false")})]");
                if (sequences)
                    layers.Add(random.Next(2) == 0 ? "[SequencePool(SequencePooling.Last)]" : "[Flatten]");
                break;
            }
            case 2: // token ids
            {
                long time = random.Next(3, 9), heads = random.Next(1, 4), width = heads * random.Next(2, 5);
                input = $"{time}";
                tokens = true;
                layers.Add($"[Embedding(20, {width})]");
                switch (random.Next(3))
                {
                    case 0:
                        layers.Add($"[TransformerEncoder(Layers = {random.Next(1, 3)}, Heads = {heads}, FeedForward = {random.Next(0, 3) * 8}, Dropout = {random.Next(0, 3) / 10.0})]");
                        break;
                    case 1:
                        layers.Add(random.Next(2) == 0 ? "[LayerNorm]" : $"[Dropout({random.Next(0, 5) / 10.0})]");
                        break;
                    default: // recurrent over embedded tokens, always returning the sequence so the pooling below applies
                        layers.Add($"[{(random.Next(2) == 0 ? "LSTM" : "GRU")}({random.Next(2, 9)}, Layers = {random.Next(1, 3)}, Bidirectional = {(random.Next(2) == 0 ? "true" : "false")}, ReturnSequences = true)]");
                        break;
                }
                SequencePooling pooling = (SequencePooling)random.Next(3);
                layers.Add($"[SequencePool(SequencePooling.{pooling})]");
                break;
            }
            default: // a feature vector, reshaped for a Conv1D half the time
            {
                long features = random.Next(2, 9) * 2;
                input = features.ToString(CultureInfo.InvariantCulture);
                if (random.Next(2) == 0)
                {
                    layers.Add($"[Reshape(2, {features / 2})]");
                    long kernel = random.Next(1, (int)Math.Min(3, features / 2) + 1);
                    layers.Add($"[Conv1D({random.Next(1, 5)}, Kernel = {kernel}, Activation = Activation.{Act()})]");
                    layers.Add(random.Next(2) == 0 ? "[Flatten]" : "[GlobalAvgPool]");
                }
                else
                {
                    layers.Add(random.Next(2) == 0 ? "[BatchNorm]" : "[LayerNorm]");
                }
                break;
            }
        }
        return (input, layers, tokens);
    }
}
