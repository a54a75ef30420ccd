using System.Globalization;

namespace ModelDsl.Benchmarks;

/// <summary>
/// Model specs for timing the generator: half attribute classes (CNNs and MLPs of varying widths), half
/// <c>*.model.yaml</c> files (LSTMs and MLPs), each valid and distinct, plus one unrelated C# file for the
/// incrementality check.
/// </summary>
internal sealed record GeneratorSpecCorpus(IReadOnlyList<(string Path, string Text)> CSharpFiles, IReadOnlyList<(string Path, string Text)> YamlFiles)
{
    public const string UnrelatedPath = "Unrelated.cs";

    public int ModelCount => CSharpFiles.Count(f => f.Path != UnrelatedPath) + YamlFiles.Count;

    /// <summary>The unrelated file after an edit that changes no model.</summary>
    public static string EditedUnrelated => Unrelated.Replace("=> 1;", "=> 2;", StringComparison.Ordinal);

    private const string Unrelated = "namespace Bench; public static class Unrelated { public static int Value => 1; }";

    public static GeneratorSpecCorpus Create(int models)
    {
        var csharp = new List<(string, string)>();
        var yaml = new List<(string, string)>();
        for (int i = 0; i < models; i++)
        {
            if (i % 2 == 0)
                csharp.Add(($"Model{i}.cs", i % 4 == 0 ? Cnn(i) : Mlp(i)));
            else
                yaml.Add(($"Model{i}.model.yaml", i % 4 == 1 ? Lstm(i) : YamlMlp(i)));
        }
        csharp.Add((UnrelatedPath, Unrelated));
        return new GeneratorSpecCorpus(csharp, yaml);
    }

    private static string Cnn(int i) => string.Create(CultureInfo.InvariantCulture, $$"""
        using ModelDsl;
        namespace Bench;
        [Model(1, 28, 28)]
        [Conv2D({{8 + i}}, Kernel = 3, Activation = Activation.ReLU)]
        [MaxPool2D(2)]
        [Conv2D({{16 + i}}, Kernel = 3, Activation = Activation.ReLU)]
        [Flatten]
        [Dense({{32 + i}}, Activation = Activation.ReLU)]
        [Dense(10, Activation = Activation.Softmax)]
        [Train(Optimizer = Optimizer.Adam, LearningRate = 1e-3, Loss = Loss.CrossEntropy, BatchSize = 32, Epochs = 3)]
        public partial class Cnn{{i}}
        {
        }
        """);

    private static string Mlp(int i) => string.Create(CultureInfo.InvariantCulture, $$"""
        using ModelDsl;
        namespace Bench;
        [Model({{4 + i}})]
        [Dense({{16 + i}}, Activation = Activation.ReLU)]
        [Dropout(0.1)]
        [Dense({{8 + i}}, Activation = Activation.ReLU)]
        [Dense(1, Activation = Activation.Sigmoid)]
        [Train(Optimizer = Optimizer.Adam, LearningRate = 3e-3, Loss = Loss.BinaryCrossEntropy, BatchSize = 64, Epochs = 5)]
        public partial class Mlp{{i}}
        {
        }
        """);

    private static string Lstm(int i) => string.Create(CultureInfo.InvariantCulture, $"""
        name: Lstm{i}
        namespace: Bench
        input: [{10 + i}, 4]
        layers:
          - type: lstm
            units: {16 + i}
          - type: dense
            units: 2
            activation: softmax
        training:
          optimizer: adam
          learning_rate: 0.001
          loss: cross_entropy
          batch_size: 64
          epochs: 4
        """);

    private static string YamlMlp(int i) => string.Create(CultureInfo.InvariantCulture, $"""
        name: YamlMlp{i}
        namespace: Bench
        input: [{6 + i}]
        layers:
          - type: dense
            units: {24 + i}
            activation: relu
          - type: dense
            units: 3
            activation: softmax
        training:
          optimizer: sgd
          learning_rate: 0.01
          loss: cross_entropy
          batch_size: 32
          epochs: 2
        """);
}
