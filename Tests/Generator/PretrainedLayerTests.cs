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
        using BertEncoder original = WriteSource(folder.Path);
        string source = folder.Path.Replace("\\", "\\\\");
        GeneratorRun run = Compile(source, paddingId: 0);
        Assert.DoesNotContain(run.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Empty(run.CompilationErrors);
        Assert.Contains($"global::ModelDsl.Pretrained.PretrainedWeights.Load(this.encoder, \"{source}\", paddingId: 0L);", run.Sources["Pretrained.Tiny.Module.g.cs"]);
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

    [Fact]
    public void Create_refuses_a_source_whose_pad_is_not_the_declared_padding_id()
    {
        Devices.TorchNative.EnsureLoaded();
        using var folder = new TemporaryFolder();
        using BertEncoder original = WriteSource(folder.Path);
        // The vocabulary has [PAD] at id 0; the input says padding is id 1, so the mask would hide "[UNK]" and keep the padding.
        GeneratorRun run = Compile(folder.Path.Replace("\\", "\\\\"), paddingId: 1);
        Assert.DoesNotContain(run.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Type trainerType = GeneratorHarness.Load(run.Output, "pretrained-padding").GetType("Pretrained.TinyTrainer")!;

        var error = Assert.Throws<TargetInvocationException>(() => trainerType.GetMethod("Create")!.Invoke(null, [null]));

        var refused = Assert.IsType<ModelDsl.Pretrained.PretrainedWeightsException>(error.InnerException);
        Assert.Contains($"'{Path.Combine(folder.Path, "vocab.txt")}' of '{folder.Path}' has [PAD] at id 0", refused.Message);
        Assert.Contains("padding id is 1", refused.Message);
    }

    // A tiny Hugging Face folder (random weights, config.json, an 8-token vocab.txt with [PAD] = 0); returns its encoder.
    private static BertEncoder WriteSource(string folder)
    {
        torch.manual_seed(4);
        var original = new BertEncoder("original", new BertEncoderOptions(2, 16, 4, 32, 12, 8));
        Safetensors.SaveStateDict(Path.Combine(folder, "model.safetensors"), original.state_dict().ToDictionary(p => p.Key, p => p.Value));
        File.WriteAllText(Path.Combine(folder, "config.json"), JsonSerializer.Serialize(new Dictionary<string, object>
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
        File.WriteAllText(Path.Combine(folder, "vocab.txt"), "[PAD]\n[UNK]\n[CLS]\n[SEP]\n[MASK]\nprofit\nrose\nfell\n");
        return original;
    }

    // A model over a 6-token input with the given padding id and an encoder pretrained from `source` (C#-escaped).
    private static GeneratorRun Compile(string source, long paddingId) => GeneratorHarness.Run($$"""
        using ModelDsl;
        namespace Pretrained;
        [Model]
        [Input("text", 6, Vocabulary = 8, PaddingId = {{paddingId}})]
        [BertEncoder(2, 16, 4, 32, 12, 8, Name = "encoder", Pretrained = "{{source}}")]
        [SequencePool(SequencePooling.First)]
        [Dense(3, Activation = Activation.Softmax)]
        public partial class Tiny { }
        """);
}
