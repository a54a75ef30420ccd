using System.Text.RegularExpressions;
using ModelDsl.Tests.Support;

namespace ModelDsl.Tests.Generator;

/// <summary>
/// The valid specs the generator fuzz test mutates: the shipped models and the template's (read from the repository, so
/// they follow it), the snippets of the generator tests and docs, and a few written here so every layer kind and every
/// training option appears. Each seed's namespace starts with <see cref="FuzzCase.MarkerPlaceholder"/>.
/// </summary>
internal static class FuzzCorpus
{
    /// <summary>A C# record that YAML seeds with <c>features:</c> read; it travels with such a case as its C# file.</summary>
    public const string YamlRecord = """
        namespace @ID@.Models;
        public enum Housing { Rent, Mortgage, Own }
        public sealed record Applicant(double Income, double DebtToIncome, int LatePayments, Housing Home, bool HasCoSigner);
        """;

    private static readonly string[] WrittenYaml =
    [
        """
        name: Tabular
        namespace: @ID@.Models
        input: [12]
        layers:
          - type: batch_norm
            momentum: 0.1
            epsilon: 0.00001
          - type: dense
            units: 16
            activation: relu
            use_bias: false
          - type: dropout
            rate: 0.2
          - type: layer_norm
            epsilon: 0.001
          - type: dense
            units: 1
            activation: sigmoid
        training:
          optimizer: sgd
          learning_rate: 0.05
          momentum: 0.9
          nesterov: true
          weight_decay: 0.0001
          loss: binary_cross_entropy
          class_weights: [2.5]
          metrics: [accuracy, precision, recall, f1, roc_auc]
          batch_size: 16
          epochs: 4
          validation_split: 0.2
          schedule: step
          step_size: 2
          gamma: 0.5
          monitor: val_roc_auc
          patience: 2
          min_delta: 0.001
          restore_best_weights: true
          gradient_clip_norm: 5.0
          seed: 7
          device: cpu
          log_every_steps: 10
        """,
        """
        name: Signal
        namespace: @ID@.Models
        input: [3, 64]
        layers:
          - type: conv1d
            filters: 8
            kernel: 5
            stride: 2
            padding_size: 1
            dilation: 1
            activation: gelu
          - type: max_pool1d
            pool: 2
          - type: conv1d
            filters: 4
            kernel: 3
            padding: same
            activation: elu
          - type: avg_pool1d
            pool: 2
            stride: 1
          - type: flatten
          - type: dense
            units: 3
            activation: softmax
        training:
          loss: cross_entropy
          metrics: [accuracy]
          schedule: reduce_on_plateau
          schedule_patience: 1
        """,
        """
        name: Picture
        namespace: @ID@.Models
        input: [3, 32, 32]
        layers:
          - type: conv2d
            filters: 6
            kernel: 3
            activation: leaky_relu
          - type: avg_pool2d
            pool: 2
          - type: batch_norm
          - type: conv2d
            filters: 4
            kernel: 3
            stride: 2
            activation: silu
          - type: max_pool2d
            pool: 2
            stride: 1
          - type: global_avg_pool
          - type: activation
            activation: tanh
          - type: dense
            units: 2
        training:
          optimizer: rmsprop
          momentum: 0.5
          loss: mse
          metrics: [mae, rmse]
          schedule: one_cycle
        """,
        """
        name: Reshaped
        namespace: @ID@.Models
        input: [24]
        layers:
          - type: reshape
            shape: [4, 6]
          - type: gru
            units: 5
            layers: 2
            bidirectional: true
            return_sequences: true
            dropout: 0.1
          - type: sequence_pool
            mode: last
          - type: dense
            units: 1
        training:
          loss: huber
          metrics: [mae]
        """,
        """
        name: Tokens
        namespace: @ID@.Models
        input: [16]
        layers:
          - type: embedding
            vocabulary: 100
            dimensions: 12
          - type: transformer_encoder
            layers: 1
            heads: 3
            feed_forward: 24
            dropout: 0.0
          - type: layer_norm
          - type: lstm
            units: 6
            return_sequences: true
          - type: sequence_pool
            mode: first
          - type: dense
            units: 4
            activation: softmax
            name: head
        training:
          optimizer: adamw
          loss: cross_entropy
          metrics: [accuracy, f1]
          class_weights: [1.0, 2.0, 1.0, 0.5]
          schedule: cosine
        """,
        """
        name: Risk
        namespace: @ID@.Models
        features: @ID@.Models.Applicant
        layers:
          - { type: dense, units: 8, activation: relu, name: hidden }
          - { type: dense, units: 1, activation: sigmoid }
        training: { loss: binary_cross_entropy, metrics: [roc_auc], epochs: 2 }
        """,
    ];

    private static readonly string[] WrittenCSharp =
    [
        """
        using ModelDsl;
        namespace @ID@.Models;
        public enum Housing { Rent, Mortgage, Own }
        public sealed record Applicant(double Income, double DebtToIncome, int LatePayments, Housing Home, bool HasCoSigner);

        [Model(typeof(Applicant))]
        [Dense(16, Activation = Activation.ReLU)]
        [Dense(1, Activation = Activation.Sigmoid)]
        [Train(Loss = Loss.BinaryCrossEntropy, Metrics = new[] { Metric.RocAuc })]
        public partial class ApplicantRisk { }
        """,
        """
        using ModelDsl;
        namespace @ID@.Models;
        [Model(16)]
        [Embedding(200, 8, Name = "tokens")]
        [TransformerEncoder(Layers = 2, Heads = 2, FeedForward = 16, Dropout = 0.1)]
        [SequencePool(SequencePooling.Mean)]
        [Dense(3, Activation = Activation.Softmax)]
        [Train(Optimizer = Optimizer.Sgd, Momentum = 0.9, Nesterov = true, Metrics = new[] { Metric.Accuracy, Metric.F1 }, Schedule = LearningRateSchedule.Step, StepSize = 3, Gamma = 0.5, Patience = 2, Monitor = "val_accuracy", GradientClipNorm = 1.0, Seed = 3, Device = "cpu")]
        public partial class Headlines { }
        """,
        """
        using ModelDsl;
        namespace @ID@.Models;
        [Model(20, 3)]
        [GRU(16, Layers = 2, Bidirectional = true, ReturnSequences = true, Dropout = 0.2)]
        [SequencePool(SequencePooling.Last)]
        [Dense(2, Activation = Activation.Softmax)]
        [Train(Loss = Loss.CrossEntropy, Metrics = new[] { Metric.Accuracy }, Epochs = 3, ClassWeights = new[] { 1.0, 3.0 })]
        internal partial class Trend { }
        """,
    ];

    // After the arrays above: static fields initialise in order.
    public static IReadOnlyList<string> YamlSeeds { get; } = LoadYamlSeeds();

    /// <summary>C# seeds: each is one file (a model class, and any record it reads) with a file-scoped namespace.</summary>
    public static IReadOnlyList<string> CSharpSeeds { get; } = LoadCSharpSeeds();

    private static List<string> LoadYamlSeeds()
    {
        var seeds = new List<string>(WrittenYaml);
        foreach (string path in Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "Models"), "*.model.yaml", SearchOption.AllDirectories)
                     .Concat(Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "templates"), "*.model.yaml", SearchOption.AllDirectories))
                     .Order(StringComparer.Ordinal))
            seeds.Add(File.ReadAllText(path));
        seeds.Add(YamlEquivalenceTests.Yaml);
        return seeds.Select(MarkYamlNamespace).ToList();
    }

    private static List<string> LoadCSharpSeeds()
    {
        var seeds = new List<string>(WrittenCSharp);
        string Repository(params string[] parts) => File.ReadAllText(Path.Combine([RepositoryPaths.Root, .. parts]));
        seeds.Add(Repository("Models", "Declarations", "FashionCnn.cs"));
        // CreditMlp reads LoanApplication; the record's own file comes along in the same namespace.
        seeds.Add(Repository("Models", "Declarations", "CreditMlp.cs").Replace("using ModelDsl.Models.Data;", "")
            + "\n" + StripNamespace(Repository("Models", "Data", "LoanApplication.cs")));
        seeds.Add(Repository("templates", "modeldsl-app", "RiskModel.cs"));
        seeds.Add(YamlEquivalenceTests.Attributes);
        seeds.Add(FeatureRecordTests.Source);
        return seeds.Select(MarkCSharpNamespace).ToList();
    }

    private static string StripNamespace(string source) => Regex.Replace(source, @"^namespace [\w.]+;\s*$", "", RegexOptions.Multiline);

    /// <summary>Puts the marker in front of the seed's namespace (adding one where it has none) and ensures <c>using ModelDsl;</c>.</summary>
    private static string MarkCSharpNamespace(string source)
    {
        source = source.Replace("\r\n", "\n");
        Match ns = Regex.Match(source, @"^namespace ([\w.@]+);", RegexOptions.Multiline);
        if (!ns.Success)
            source = $"namespace {FuzzCase.MarkerPlaceholder}.Models;\n" + source;
        else if (!ns.Groups[1].Value.StartsWith(FuzzCase.MarkerPlaceholder, StringComparison.Ordinal))
            source = source.Remove(ns.Index, ns.Length).Insert(ns.Index, $"namespace {FuzzCase.MarkerPlaceholder}.{ns.Groups[1].Value};");
        return source.Contains("using ModelDsl;", StringComparison.Ordinal) ? source : "using ModelDsl;\n" + source;
    }

    private static string MarkYamlNamespace(string yaml)
    {
        yaml = yaml.Replace("\r\n", "\n");
        Match ns = Regex.Match(yaml, @"^namespace: *(.*)$", RegexOptions.Multiline);
        if (ns.Success)
            return yaml.Remove(ns.Groups[1].Index, ns.Groups[1].Length).Insert(ns.Groups[1].Index,
                ns.Groups[1].Value.StartsWith(FuzzCase.MarkerPlaceholder, StringComparison.Ordinal) ? ns.Groups[1].Value : $"{FuzzCase.MarkerPlaceholder}.{ns.Groups[1].Value}");
        Match name = Regex.Match(yaml, @"^name:.*\n", RegexOptions.Multiline);
        return yaml.Insert(name.Index + name.Length, $"namespace: {FuzzCase.MarkerPlaceholder}.Models\n");
    }
}
