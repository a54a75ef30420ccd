using System.Text.Json;
using System.Text.Json.Nodes;
using ModelDsl.Generator.Layers;
using ModelDsl.Generator.Parsing;
using ModelDsl.Generator.Spec;
using ModelDsl.Tests.Support;

namespace ModelDsl.Tests.Generator;

/// <summary>Both front ends lower to one IR: the same model written both ways generates the same code; the JSON Schema follows the catalogs.</summary>
public sealed class YamlEquivalenceTests
{
    internal const string Attributes = """
        using ModelDsl;
        namespace Demo;
        [Model(1, 16, 16)]
        [Conv2D(8, Kernel = 3, Padding = Padding.Same, Activation = Activation.LeakyReLU)]
        [MaxPool2D(2)]
        [BatchNorm]
        [GlobalAvgPool]
        [Dropout(0.25)]
        [Dense(4, Activation = Activation.Softmax, Name = "head")]
        [Train(Optimizer = Optimizer.AdamW, LearningRate = 0.01, Loss = Loss.CrossEntropy, Metrics = new[] { Metric.Accuracy, Metric.RocAuc }, BatchSize = 16, Epochs = 3, Monitor = "val_roc_auc")]
        public partial class Same { }
        """;

    internal const string Yaml = """
        name: Same
        namespace: Demo
        input: [1, 16, 16]
        layers:
          - type: conv2d
            filters: 8
            kernel: 3
            padding: same
            activation: leaky_relu
          - type: max_pool2d
            pool: 2
          - type: batch_norm
          - type: global_avg_pool
          - type: dropout
            rate: 0.25
          - type: dense
            units: 4
            activation: softmax
            name: head
        training:
          optimizer: adamw
          learning_rate: 0.01
          loss: cross_entropy
          metrics: [accuracy, roc_auc]
          batch_size: 16
          epochs: 3
          monitor: val_roc_auc
        """;

    [Fact]
    public void Same_model_written_both_ways_generates_the_same_code()
    {
        GeneratorRun fromAttributes = GeneratorHarness.Run(Attributes);
        GeneratorRun fromYaml = GeneratorHarness.Run([""], new InMemoryAdditionalText("Same.model.yaml", Yaml));
        Assert.Empty(fromAttributes.CompilationErrors);
        Assert.Empty(fromYaml.CompilationErrors);
        Assert.Equal(["Demo.Same.Module.g.cs", "Demo.Same.Onnx.g.cs", "Demo.Same.PyTorch.g.cs", "Demo.Same.Trainer.g.cs"], fromAttributes.Sources.Keys.Order());
        Assert.Equal(fromAttributes.Sources.Keys.Order(), fromYaml.Sources.Keys.Order());
        foreach (string hint in fromAttributes.Sources.Keys)
            Assert.Equal(fromAttributes.Sources[hint], fromYaml.Sources[hint]);
    }

    [Theory]
    [InlineData("", "")]
    [InlineData(", EmbedEnums = 2", "embed_enums: 2")]
    public void A_record_input_written_both_ways_generates_the_same_code(string modelArguments, string yamlLine)
    {
        const string record = "using ModelDsl; namespace Demo; public enum Housing { Rent, Own } public enum Use { Car, Home, Other } " +
            "public sealed record Applicant([Scale(FeatureScale.Robust)] double Income, Housing Home, bool CoSigner, [Embed(3)] Use Purpose);";
        GeneratorRun fromAttributes = GeneratorHarness.Run([record,
            $"using ModelDsl; namespace Demo; [Model(typeof(Applicant){modelArguments})][Dense(8, Activation = Activation.ReLU)][Dense(1, Activation = Activation.Sigmoid)] public partial class Risk {{ }}"]);
        GeneratorRun fromYaml = GeneratorHarness.Run([record], new InMemoryAdditionalText("Risk.model.yaml", $$"""
            name: Risk
            namespace: Demo
            features: Demo.Applicant
            {{yamlLine}}
            layers:
              - { type: dense, units: 8, activation: relu }
              - { type: dense, units: 1, activation: sigmoid }
            """));

        Assert.Empty(fromAttributes.CompilationErrors);
        Assert.Empty(fromYaml.CompilationErrors);
        Assert.Equal(["Demo.Risk.CsvReader.g.cs", "Demo.Risk.Featurizer.g.cs", "Demo.Risk.Module.g.cs", "Demo.Risk.Onnx.g.cs", "Demo.Risk.PyTorch.g.cs", "Demo.Risk.Trainer.g.cs"], fromYaml.Sources.Keys.Order());
        foreach (string hint in fromAttributes.Sources.Keys)
            Assert.Equal(fromAttributes.Sources[hint], fromYaml.Sources[hint]);
        // Purpose is embedded either way; Home only with the model's default (2 members × 2).
        Assert.Contains("embed_purpose = global::TorchSharp.torch.nn.Embedding(3, 3);", fromYaml.Sources["Demo.Risk.Module.g.cs"]);
        Assert.Equal(modelArguments.Length > 0, fromYaml.Sources["Demo.Risk.Module.g.cs"].Contains("embed_home = global::TorchSharp.torch.nn.Embedding(2, 2);", StringComparison.Ordinal));
    }

    [Fact]
    public void A_yaml_record_that_does_not_exist_is_reported_at_its_name()
    {
        GeneratorRun run = GeneratorHarness.Run([""], new InMemoryAdditionalText("Risk.model.yaml", "name: Risk\nfeatures: Demo.Missing\nlayers:\n  - { type: dense, units: 1 }\n"));

        Microsoft.CodeAnalysis.Diagnostic diagnostic = run.Single("MDSL0050");
        Microsoft.CodeAnalysis.FileLinePositionSpan span = diagnostic.Location.GetLineSpan();
        Assert.Equal(("Risk.model.yaml", 1, 10), (span.Path, span.StartLinePosition.Line, span.StartLinePosition.Character));
        Assert.Contains("Demo.Missing", diagnostic.GetMessage());
        Assert.All(run.Sources.Keys, hintName => Assert.EndsWith(".Stub.g.cs", hintName));
    }

    [Fact]
    public void Json_schema_follows_the_layer_and_training_catalogs()
    {
        string path = Path.Combine(RepositoryPaths.Root, "docs", "model.schema.json");
        string expected = ExpectedSchema();
        if (Environment.GetEnvironmentVariable("MODELDSL_ACCEPT_SNAPSHOTS") == "1")
            File.WriteAllText(path, expected);
        Assert.True(File.Exists(path), $"{path} is missing; run with MODELDSL_ACCEPT_SNAPSHOTS=1 to write it.");
        Assert.Equal(expected, File.ReadAllText(path).Replace("\r\n", "\n"));
    }

    /// <summary>The schema as the catalogs define it: every layer kind with its arguments, every training option.</summary>
    private static string ExpectedSchema()
    {
        static JsonObject Property(ParameterDefinition p)
        {
            var node = new JsonObject { ["description"] = p.Description };
            switch (p.Kind)
            {
                case ArgumentKind.Integer: node["type"] = "integer"; break;
                case ArgumentKind.Number: node["type"] = "number"; break;
                case ArgumentKind.Boolean: node["type"] = "boolean"; break;
                case ArgumentKind.Text when p.AllowedValues.Count > 0: node["enum"] = new JsonArray(p.AllowedValues.Select(v => (JsonNode)JsonValue.Create(v)!).ToArray()); break;
                case ArgumentKind.Text: node["type"] = "string"; break;
                case ArgumentKind.IntegerList: node["type"] = "array"; node["items"] = new JsonObject { ["type"] = "integer" }; break;
                case ArgumentKind.NumberList: node["type"] = "array"; node["items"] = new JsonObject { ["type"] = "number" }; break;
                default:
                    node["type"] = "array";
                    node["items"] = p.AllowedValues.Count > 0
                        ? new JsonObject { ["enum"] = new JsonArray(p.AllowedValues.Select(v => (JsonNode)JsonValue.Create(v)!).ToArray()) }
                        : new JsonObject { ["type"] = "string" };
                    break;
            }
            return node;
        }

        var layers = new JsonArray();
        foreach (LayerDefinition layer in LayerCatalog.All)
        {
            var properties = new JsonObject
            {
                ["type"] = new JsonObject { ["const"] = YamlModelParser.Snake(layer.Kind), ["description"] = layer.Description },
                ["name"] = new JsonObject { ["type"] = "string", ["description"] = "Layer name (field and state-dict prefix)." },
                ["input"] = new JsonObject { ["type"] = "string", ["description"] = "The node (declared input or layer name) this layer reads; default: the layer before it." },
                ["inputs"] = new JsonObject { ["type"] = "array", ["minItems"] = 1, ["items"] = new JsonObject { ["type"] = "string" }, ["description"] = "The nodes this layer reads, in order (merge layers read two or more)." },
            };
            foreach (ParameterDefinition p in layer.Parameters)
                properties[p.Name] = Property(p);
            layers.Add(new JsonObject
            {
                ["type"] = "object",
                ["properties"] = properties,
                ["required"] = new JsonArray(new[] { "type" }.Concat(layer.Parameters.Where(p => p.Required).Select(p => p.Name)).Select(n => (JsonNode)JsonValue.Create(n)!).ToArray()),
                ["additionalProperties"] = false,
            });
        }
        var training = new JsonObject();
        foreach (var option in TrainingOptionCatalog.All)
            training[option.Definition.Name] = Property(option.Definition);

        var schema = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["title"] = "ModelDsl model spec (*.model.yaml)",
            ["type"] = "object",
            ["required"] = new JsonArray("name", "layers"),
            ["anyOf"] = new JsonArray(new JsonObject { ["required"] = new JsonArray("input") }, new JsonObject { ["required"] = new JsonArray("features") },
                new JsonObject { ["required"] = new JsonArray("inputs") }),
            ["additionalProperties"] = false,
            ["properties"] = new JsonObject
            {
                ["name"] = new JsonObject { ["type"] = "string", ["description"] = "The generated class name." },
                ["namespace"] = new JsonObject { ["type"] = "string", ["description"] = "Namespace of the generated classes (default ModelDsl.Generated)." },
                ["input"] = new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "integer", ["minimum"] = 1 }, ["description"] = "Input shape without the batch dimension, channels first." },
                ["features"] = new JsonObject { ["type"] = "string", ["pattern"] = @"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$", ["description"] = "Full name of a record type whose public properties are the inputs (numbers scaled, bools 0/1, enums one-hot or embedded); the input width follows from it." },
                ["embed_enums"] = new JsonObject { ["type"] = "integer", ["minimum"] = 0, ["description"] = "Embedding size of every enum of the feature record without [Embed], instead of one-hot columns (0, the default: one-hot)." },
                ["inputs"] = new JsonObject
                {
                    ["type"] = "object",
                    ["minProperties"] = 1,
                    ["description"] = "Named inputs, in order (instead of 'input'/'features'): a shape list for a float tensor, or a mapping.",
                    ["additionalProperties"] = new JsonObject
                    {
                        ["oneOf"] = new JsonArray(
                            new JsonObject { ["type"] = "array", ["minItems"] = 1, ["items"] = new JsonObject { ["type"] = "integer", ["minimum"] = 1 }, ["description"] = "A float tensor of this shape (batch excluded)." },
                            new JsonObject
                            {
                                ["type"] = "object",
                                ["additionalProperties"] = false,
                                ["properties"] = new JsonObject
                                {
                                    ["shape"] = new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "integer", ["minimum"] = 1 }, ["description"] = "A float tensor of this shape." },
                                    ["tokens"] = new JsonObject { ["type"] = "integer", ["minimum"] = 1, ["description"] = "Token ids: the sequence length." },
                                    ["vocabulary"] = new JsonObject { ["type"] = "integer", ["minimum"] = 1, ["description"] = "Token ids: the number of distinct ids." },
                                    ["padding_id"] = new JsonObject { ["type"] = "integer", ["minimum"] = -1, ["description"] = "Token ids: the id that marks padding (-1: none)." },
                                    ["record"] = new JsonObject { ["type"] = "string", ["description"] = "Full name of the record type featurized into this input (at most one per model)." },
                                },
                            }),
                    },
                },
                ["output"] = new JsonObject { ["type"] = "string", ["description"] = "The layer whose output is the model's output (default: the last layer)." },
                ["layers"] = new JsonObject { ["type"] = "array", ["minItems"] = 1, ["items"] = new JsonObject { ["oneOf"] = layers } },
                ["training"] = new JsonObject { ["type"] = "object", ["properties"] = training, ["additionalProperties"] = false },
            },
        };
        return schema.ToJsonString(new JsonSerializerOptions { WriteIndented = true }).Replace("\r\n", "\n") + "\n";
    }
}
