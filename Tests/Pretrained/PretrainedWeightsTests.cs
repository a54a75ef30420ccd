using System.Text.Json;
using ModelDsl.Data;
using ModelDsl.Layers;
using ModelDsl.Pretrained;
using ModelDsl.Tests.Support;
using TorchSharp;
using TorchSharp.PyBridge;

namespace ModelDsl.Tests.Pretrained;

/// <summary>
/// Hugging Face folders and files built here from a small random <see cref="BertEncoder"/>: what loads, and the one clear
/// error for each way a source can fail to fit (with nothing copied).
/// </summary>
public sealed class PretrainedWeightsTests
{
    private static readonly BertEncoderOptions Small = new(Layers: 2, Hidden: 32, Heads: 4, Intermediate: 48, MaxPositions: 16, Vocabulary: 50);

    [Fact]
    public void A_hugging_face_folder_with_bert_prefix_pooler_and_a_task_head_loads_every_encoder_weight()
    {
        Devices.TorchNative.EnsureLoaded();
        using var folder = new TemporaryFolder();
        torch.manual_seed(1);
        using var original = new BertEncoder("original", Small);
        WriteFolder(folder.Path, original, tensors =>
        {
            tensors["bert.pooler.dense.weight"] = torch.randn(32, 32);
            tensors["bert.pooler.dense.bias"] = torch.randn(32);
            tensors["bert.embeddings.position_ids"] = torch.arange(16L).unsqueeze(0);
            tensors["classifier.weight"] = torch.randn(3, 32);
        });
        File.WriteAllText(Path.Combine(folder.Path, "tokenizer_config.json"), """{"do_lower_case": false}""");
        torch.manual_seed(2);
        using var loaded = new BertEncoder("loaded", Small);

        PretrainedWeights.Load(loaded, folder.Path);

        foreach (var (name, value) in original.state_dict())
            Assert.True(value.equal(loaded.state_dict()[name]).all().item<bool>(), $"{name} differs after loading");
        var text = Assert.IsType<WordPieceText>(PretrainedWeights.TextEncoder(folder.Path));
        Assert.False(text.LowerCase);
        Assert.Equal(6, text.Vocabulary);
    }

    [Fact]
    public void A_config_field_that_differs_is_named_with_both_values()
    {
        Devices.TorchNative.EnsureLoaded();
        using var folder = new TemporaryFolder();
        using var original = new BertEncoder("original", Small);
        WriteFolder(folder.Path, original, _ => { }, heads: 8);
        using var target = new BertEncoder("target", Small);

        var error = Assert.Throws<PretrainedWeightsException>(() => PretrainedWeights.Load(target, folder.Path));

        Assert.Contains(Path.Combine(folder.Path, "config.json"), error.Message);
        Assert.Contains("'num_attention_heads' is 8, but the encoder has Heads 4", error.Message);
    }

    [Fact]
    public void A_missing_tensor_is_named_with_its_shape_and_nothing_is_copied()
    {
        Devices.TorchNative.EnsureLoaded();
        using var folder = new TemporaryFolder();
        using var original = new BertEncoder("original", Small);
        WriteFolder(folder.Path, original, tensors => tensors.Remove("bert.encoder.layer.1.output.dense.bias"));
        using var target = new BertEncoder("target", Small);
        Dictionary<string, torch.Tensor> before = target.state_dict().ToDictionary(p => p.Key, p => p.Value.clone());

        var error = Assert.Throws<PretrainedWeightsException>(() => PretrainedWeights.Load(target, folder.Path));

        Assert.Contains(Path.Combine(folder.Path, "model.safetensors"), error.Message);
        Assert.Contains("the encoder has 'encoder.layer.1.output.dense.bias' [32] which the file lacks", error.Message);
        foreach (var (name, value) in target.state_dict())
            Assert.True(value.equal(before[name]).all().item<bool>(), $"{name} changed although the load failed");
    }

    [Fact]
    public void A_wrongly_shaped_tensor_is_named_with_both_shapes_and_nothing_is_copied()
    {
        Devices.TorchNative.EnsureLoaded();
        using var folder = new TemporaryFolder();
        using var original = new BertEncoder("original", Small);
        WriteFolder(folder.Path, original, tensors => tensors["bert.encoder.layer.0.intermediate.dense.weight"] = torch.randn(40, 32));
        using var target = new BertEncoder("target", Small);
        Dictionary<string, torch.Tensor> before = target.state_dict().ToDictionary(p => p.Key, p => p.Value.clone());

        var error = Assert.Throws<PretrainedWeightsException>(() => PretrainedWeights.Load(target, folder.Path));

        Assert.Contains("'encoder.layer.0.intermediate.dense.weight' has shape [40, 32] in the file but [48, 32] in the encoder", error.Message);
        foreach (var (name, value) in target.state_dict())
            Assert.True(value.equal(before[name]).all().item<bool>(), $"{name} changed although the load failed");
    }

    [Fact]
    public void An_unexpected_tensor_is_named()
    {
        Devices.TorchNative.EnsureLoaded();
        using var folder = new TemporaryFolder();
        using var original = new BertEncoder("original", Small);
        string weights = Path.Combine(folder.Path, "weights.safetensors");
        var tensors = original.state_dict().ToDictionary(p => p.Key, p => p.Value);
        tensors["encoder.layer.2.output.dense.bias"] = torch.zeros(32);
        Safetensors.SaveStateDict(weights, tensors);
        using var target = new BertEncoder("target", Small);

        var error = Assert.Throws<PretrainedWeightsException>(() => PretrainedWeights.Load(target, weights));

        Assert.Contains("the file has 'encoder.layer.2.output.dense.bias' [32] which the encoder lacks", error.Message);
    }

    [Fact]
    public void A_file_that_is_neither_onnx_nor_safetensors_is_refused()
    {
        Devices.TorchNative.EnsureLoaded();
        using var folder = new TemporaryFolder();
        string path = folder.Write("model.onnx", "id,text\n1,this is a CSV file, not a model\n");
        using var target = new BertEncoder("target", Small);

        var error = Assert.Throws<PretrainedWeightsException>(() => PretrainedWeights.Load(target, path));

        Assert.Equal($"'{path}' is neither an ONNX model nor a safetensors file.", error.Message);
    }

    [Fact]
    public void The_built_in_minilm_is_refused_for_an_encoder_of_another_size_before_any_weight_is_read()
    {
        Devices.TorchNative.EnsureLoaded();
        using var target = new BertEncoder("target", new BertEncoderOptions(4, 384, 12, 1536, 512, 30522));

        var error = Assert.Throws<PretrainedWeightsException>(() => PretrainedWeights.Load(target, PretrainedWeights.MiniLM));

        Assert.Equal("sentence-transformers/all-MiniLM-L6-v2: 'num_hidden_layers' is 6, but the encoder has Layers 4.", error.Message);
        var unknown = Assert.Throws<PretrainedWeightsException>(() => PretrainedWeights.Load(target, "no-such-model/anywhere"));
        Assert.Contains("'no-such-model/anywhere' is neither 'sentence-transformers/all-MiniLM-L6-v2' (built in) nor an existing folder or file", unknown.Message);
    }

    [Fact]
    public void A_vocabulary_whose_pad_is_not_the_declared_padding_id_is_refused_naming_both_ids_and_nothing_is_copied()
    {
        Devices.TorchNative.EnsureLoaded();
        using var folder = new TemporaryFolder();
        using var original = new BertEncoder("original", Small);
        // [PAD] on the second line: id 1, where the token input declares padding id 0.
        WriteFolder(folder.Path, original, _ => { }, vocabulary: "[UNK]\n[PAD]\n[CLS]\n[SEP]\n[MASK]\nshares\n");
        using var target = new BertEncoder("target", Small);
        Dictionary<string, torch.Tensor> before = target.state_dict().ToDictionary(p => p.Key, p => p.Value.clone());

        var error = Assert.Throws<PretrainedWeightsException>(() => PretrainedWeights.Load(target, folder.Path, paddingId: 0));

        Assert.Equal($"The vocabulary '{Path.Combine(folder.Path, "vocab.txt")}' of '{folder.Path}' has [PAD] at id 1, but BertEncoder 'target' reads a token " +
            "input whose padding id is 0: the attention mask would hide id 0 instead of the padding the tokenizer writes; declare the input's padding id as 1.", error.Message);
        foreach (var (name, value) in target.state_dict())
            Assert.True(value.equal(before[name]).all().item<bool>(), $"{name} changed although the load failed");

        // Declared as the vocabulary has it, the same source loads.
        PretrainedWeights.Load(target, folder.Path, paddingId: 1);
        Assert.True(target.state_dict()["embeddings.word_embeddings.weight"].equal(original.state_dict()["embeddings.word_embeddings.weight"]).all().item<bool>());
    }

    [Fact]
    public void The_built_in_minilm_pads_with_id_0_and_refuses_another_padding_id_before_any_weight_is_read()
    {
        Devices.TorchNative.EnsureLoaded();
        // An encoder of another size: had the padding check not come first, the load would fail on the config instead.
        using var target = new BertEncoder("target", Small);

        var error = Assert.Throws<PretrainedWeightsException>(() => PretrainedWeights.Load(target, PretrainedWeights.MiniLM, paddingId: 100));

        Assert.StartsWith("The vocabulary of sentence-transformers/all-MiniLM-L6-v2 has [PAD] at id 0, but BertEncoder 'target' reads a token input whose padding id is 100", error.Message);
        Assert.Equal(0, ((WordPieceText)PretrainedWeights.TextEncoder(PretrainedWeights.MiniLM)).PaddingId);
    }

    // A Hugging Face folder as BertForSequenceClassification saves it: names under "bert.", config.json, vocab.txt.
    private static void WriteFolder(string folder, BertEncoder encoder, Action<Dictionary<string, torch.Tensor>> edit, int heads = 4,
        string vocabulary = "[PAD]\n[UNK]\n[CLS]\n[SEP]\n[MASK]\nshares\n")
    {
        var tensors = encoder.state_dict().ToDictionary(p => "bert." + p.Key, p => p.Value);
        edit(tensors);
        Safetensors.SaveStateDict(Path.Combine(folder, "model.safetensors"), tensors);
        string config = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["architectures"] = new[] { "BertForSequenceClassification" },
            ["hidden_act"] = "gelu",
            ["hidden_size"] = 32,
            ["intermediate_size"] = 48,
            ["layer_norm_eps"] = 1e-12,
            ["max_position_embeddings"] = 16,
            ["num_attention_heads"] = heads,
            ["num_hidden_layers"] = 2,
            ["type_vocab_size"] = 2,
            ["vocab_size"] = 50,
        });
        File.WriteAllText(Path.Combine(folder, "config.json"), config);
        File.WriteAllText(Path.Combine(folder, "vocab.txt"), vocabulary);
    }
}
