using System.Reflection;
using System.Text.Json;
using Microsoft.CodeAnalysis;
using ModelDsl.Data;
using ModelDsl.Layers;
using ModelDsl.Tests.Support;
using TorchSharp;
using TorchSharp.PyBridge;

namespace ModelDsl.Tests.Generator;

/// <summary>
/// <c>Pretrained = "…"</c> on a BertEncoder (issue 17): the generated trainer's <c>Create</c> (a fresh start) loads the
/// source's weights through <c>LoadPretrained()</c>, a model constructed directly (what checkpoint loading does) keeps its
/// own, and the trainer encodes text with the source's WordPiece vocabulary instead of GPT-2's.
/// </summary>
public sealed class PretrainedLayerTests
{
    [Fact]
    public void Create_loads_the_pretrained_weights_and_text_is_encoded_with_the_sources_vocabulary()
    {
        Devices.TorchNative.EnsureLoaded();
        using var folder = new TemporaryFolder();
        torch.manual_seed(4);
        using var original = new BertEncoder("original", new BertEncoderOptions(2, 16, 4, 32, 12, 8));
        Safetensors.SaveStateDict(Path.Combine(folder.Path, "model.safetensors"), original.state_dict().ToDictionary(p => p.Key, p => p.Value));
        File.WriteAllText(Path.Combine(folder.Path, "config.json"), JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["hidden_act"] = "gelu",
            ["hidden_size"] = 16,
            ["intermediate_size"] = 32,
            ["layer_norm_eps"] = 1e-12,
            ["max_position_embeddings"] = 12,
            ["num_attention_heads"] = 4,
            ["num_hidden_layers"] = 2,
            ["type_vocab_size"] = 2,
            ["vocab_size"] = 8,
        }));
        File.WriteAllText(Path.Combine(folder.Path, "vocab.txt"), "[PAD]\n[UNK]\n[CLS]\n[SEP]\n[MASK]\nprofit\nrose\nfell\n");
        string source = folder.Path.Replace("\\", "\\\\");
        GeneratorRun run = GeneratorHarness.Run($$"""
            using ModelDsl;
            namespace Pretrained;
            [Model]
            [Input("text", 6, Vocabulary = 8, PaddingId = 0)]
            [BertEncoder(2, 16, 4, 32, 12, 8, Name = "encoder", Pretrained = "{{source}}")]
            [SequencePool(SequencePooling.First)]
            [Dense(3, Activation = Activation.Softmax)]
            public partial class Tiny { }
            """);
        Assert.DoesNotContain(run.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Empty(run.CompilationErrors);
        Assert.Contains($"global::ModelDsl.Pretrained.PretrainedWeights.Load(this.encoder, \"{source}\");", run.Sources["Pretrained.Tiny.Module.g.cs"]);
        Assembly assembly = GeneratorHarness.Load(run.Output, "pretrained-tiny");
        Type model = assembly.GetType("Pretrained.Tiny")!, trainerType = assembly.GetType("Pretrained.TinyTrainer")!;

        using var trainer = (IDisposable)trainerType.GetMethod("Create")!.Invoke(null, [null])!;
        var loaded = (torch.nn.Module)trainerType.GetProperty("Model")!.GetValue(trainer)!;
        var weights = loaded.state_dict();
        foreach (var (name, value) in original.state_dict())
            Assert.True(value.equal(weights["encoder." + name]).all().item<bool>(), $"encoder.{name} was not loaded");

        // Constructed directly, as a checkpoint is loaded into, the model keeps its random weights.
        using var direct = (torch.nn.Module)Activator.CreateInstance(model, [null])!;
        Assert.False(direct.state_dict()["encoder.embeddings.word_embeddings.weight"].equal(original.state_dict()["embeddings.word_embeddings.weight"]).all().item<bool>());

        // The default text encoder is the source's WordPiece: [CLS] profit rose [SEP], then padding id 0.
        var encoder = (ITextEncoder)trainerType.GetProperty("TextEncoder")!.GetValue(trainer)!;
        using torch.Tensor ids = encoder.Encode(["profit rose"], 6);
        Assert.Equal([2L, 5, 6, 3, 0, 0], ids.data<long>().ToArray());
    }
}
