using Microsoft.CodeAnalysis;
using TorchSharp;

namespace ModelDsl.Tests.Generator;

/// <summary>
/// Padding masks (issue 17): a token input that declares a padding id makes forward() compute one mask, which
/// TransformerEncoder receives as its key-padding mask and SequencePool honours, so padding never reaches an output.
/// </summary>
public sealed class PaddingMaskTests
{
    private const string Header = "using ModelDsl;\nnamespace Masks;\n";

    private const long Padding = 0;

    // Rows of different lengths (tokens 1..49; 0 is padding), the longest filling the shorter model's 8 positions.
    private static readonly long[][] Sentences = [[5, 9, 23, 7, 41, 2, 11, 30], [17, 4, 8], [33], [12, 12, 45, 6, 19]];

    private static string Encoder(string name, int length, string pool) => Header + $$"""
        [Model]
        [Input("text", {{length}}, Vocabulary = 50, PaddingId = 0)]
        [Embedding(50, 16)]
        [TransformerEncoder(Layers = 2, Heads = 4, FeedForward = 32)]
        [SequencePool(SequencePooling.{{pool}})]
        [Dense(3)]
        public partial class {{name}} { }
        """;

    [Fact]
    public void Padding_a_batch_further_changes_no_output()
    {
        Type shortType = Build(Encoder("Short", 8, "Mean"), "Masks.Short");
        Type longType = Build(Encoder("Long", 20, "Mean"), "Masks.Long");
        Devices.TorchNative.EnsureLoaded();
        torch.manual_seed(3);
        using var shortModel = (torch.nn.Module<torch.Tensor, torch.Tensor>)Activator.CreateInstance(shortType, [null])!;
        using var longModel = (torch.nn.Module<torch.Tensor, torch.Tensor>)Activator.CreateInstance(longType, [null])!;
        using var scope = torch.NewDisposeScope();
        // The same weights; the longer model's positional embedding starts with the shorter one's 8 rows.
        var shortWeights = shortModel.state_dict();
        using (torch.no_grad())
            foreach (var (key, value) in longModel.state_dict())
                value.copy_(key == "transformer_encoder_1_positions" ? torch.cat([shortWeights[key], value.narrow(0, 8, 12)], 0) : shortWeights[key]);
        shortModel.eval();
        longModel.eval();

        torch.Tensor shortOutput = shortModel.call(Ids(Sentences, 8)), longOutput = longModel.call(Ids(Sentences, 20));
        double difference = (shortOutput - longOutput).abs().max().item<float>();
        Assert.True(difference <= 1e-6, $"outputs differ by {difference}");
        // The padding is really masked: without the mask the two lengths would average different amounts of padding.
        Assert.Contains("this.transformer_encoder_1.call((embedding_1 + this.transformer_encoder_1_positions).transpose(0, 1), null!, text_mask.logical_not())",
            GeneratorHarness.Run(Encoder("Short", 8, "Mean")).Sources["Masks.Short.Module.g.cs"]);
    }

    [Theory]
    [InlineData("Mean")]
    [InlineData("Last")]
    [InlineData("First")]
    public void Sequence_pool_reads_only_the_real_tokens(string mode)
    {
        Type type = Build(Header + $$"""
            [Model]
            [Input("text", 10, Vocabulary = 50, PaddingId = 0)]
            [Embedding(50, 6)]
            [Dropout(0.2)]
            [SequencePool(SequencePooling.{{mode}})]
            public partial class Pooled { }
            """, "Masks.Pooled");
        Devices.TorchNative.EnsureLoaded();
        using var model = (torch.nn.Module<torch.Tensor, torch.Tensor>)Activator.CreateInstance(type, [null])!;
        model.eval();
        using var scope = torch.NewDisposeScope();
        torch.Tensor table = model.state_dict()["embedding_1.weight"];
        torch.Tensor output = model.call(Ids(Sentences, 10));
        for (int row = 0; row < Sentences.Length; row++)
        {
            // By hand, on the unpadded row: the mean of its embeddings, its last one, or its first.
            float[][] vectors = Sentences[row].Select(id => table[id].data<float>().ToArray()).ToArray();
            float[] expected = mode switch
            {
                "Mean" => Enumerable.Range(0, 6).Select(j => vectors.Sum(v => v[j]) / vectors.Length).ToArray(),
                "Last" => vectors[^1],
                _ => vectors[0],
            };
            float[] actual = output[row].data<float>().ToArray();
            for (int j = 0; j < 6; j++)
                Assert.True(Math.Abs(expected[j] - actual[j]) <= 1e-6, $"row {row}, element {j}: {actual[j]} vs {expected[j]}");
        }
    }

    [Fact]
    public void Replacing_a_token_by_the_padding_id_is_the_same_as_masking_it_out()
    {
        Type type = Build(Encoder("Occluded", 8, "Mean"), "Masks.Occluded");
        Devices.TorchNative.EnsureLoaded();
        torch.manual_seed(11);
        using var model = (torch.nn.Module<torch.Tensor, torch.Tensor>)Activator.CreateInstance(type, [null])!;
        model.eval();
        using var scope = torch.NewDisposeScope();
        torch.Tensor ids = Ids([Sentences[0]], 8);
        const int Hidden = 3;
        torch.Tensor occluded = ids.clone();
        occluded[0, Hidden] = torch.tensor(Padding);

        // Explicitly: the sentence's own token at position 3, removed from attention and from the mean by a mask alone.
        var weights = model.state_dict();
        var encoder = (TorchSharp.Modules.TransformerEncoder)model.named_children().Single(c => c.name == "transformer_encoder_1").module;
        torch.Tensor mask = torch.ones(1, 8, torch.@bool);
        mask[0, Hidden] = torch.tensor(false);
        torch.Tensor x = weights["embedding_1.weight"].index_select(0, ids.reshape(-1)).reshape(1, 8, 16) + weights["transformer_encoder_1_positions"];
        torch.Tensor encoded = encoder.call(x.transpose(0, 1), null!, mask.logical_not()).transpose(0, 1);
        torch.Tensor m = mask.unsqueeze(-1).to(torch.float32);
        torch.Tensor pooled = (encoded * m).sum(1) / m.sum(1);
        torch.Tensor expected = torch.nn.functional.linear(pooled, weights["dense_1.weight"], weights["dense_1.bias"]);

        torch.Tensor actual = model.call(occluded);
        Assert.True((actual - expected).abs().max().item<float>() <= 1e-6);
        // …and it is not the output of the unoccluded sentence (the token mattered).
        Assert.False(model.call(ids).allclose(actual, 1e-4, 1e-4));
    }

    [Fact]
    public void The_mask_is_kept_by_position_wise_layers_and_ended_by_layers_that_mix_time()
    {
        GeneratorRun run = GeneratorHarness.Run(Header + """
            [Model]
            [Input("text", 10, Vocabulary = 50, PaddingId = 0)]
            [Embedding(50, 8, From = "text", Name = "words")]
            [LayerNorm(Name = "normed")]
            [SequencePool(Name = "kept")]
            [LSTM(8, ReturnSequences = true, From = "words", Name = "recurrent")]
            [SequencePool(Name = "ended")]
            [Concatenate(Inputs = new[] { "kept", "ended" })]
            [Dense(2)]
            public partial class Mixed { }
            """);
        Assert.Empty(run.CompilationErrors);
        string module = run.Sources["Masks.Mixed.Module.g.cs"];
        Assert.Contains("var text_mask = text.ne(0L);", module);
        Assert.Contains("var kept = (normed * kept_weights).sum(1) / kept_weights.sum(1).clamp_min(1.0);", module);
        // An LSTM's outputs at padded steps carry what it read before them: the mask ends there, and the mean is plain.
        Assert.Contains("var ended = recurrent.mean(new long[] { 1L });", module);
    }

    [Fact]
    public void Without_a_padding_id_forward_computes_no_mask()
    {
        GeneratorRun run = GeneratorHarness.Run(Encoder("Unpadded", 8, "Mean").Replace(", PaddingId = 0", ""));
        Assert.Empty(run.CompilationErrors);
        string module = run.Sources["Masks.Unpadded.Module.g.cs"];
        Assert.DoesNotContain("_mask", module);
        Assert.Contains("var sequence_pool_1 = transformer_encoder_1.mean(new long[] { 1L });", module);
    }

    [Fact]
    public void A_layer_cannot_take_the_name_of_a_padding_mask()
    {
        GeneratorRun run = GeneratorHarness.Run(Header + """
            [Model]
            [Input("text", 10, Vocabulary = 50, PaddingId = 0)]
            [Embedding(50, 8, Name = "text_mask")]
            [SequencePool]
            public partial class Clash { }
            """);
        Assert.Contains("text_mask", run.Single("MDSL0032").GetMessage());
    }

    [Fact]
    public void An_input_cannot_take_the_name_of_another_inputs_padding_mask()
    {
        GeneratorRun run = GeneratorHarness.Run(Header + """
            [Model]
            [Input("text", 10, Vocabulary = 50, PaddingId = 0)]
            [Input("text_mask", 10)]
            [Embedding(50, 8, From = "text")]
            [SequencePool]
            [Concatenate(Inputs = new[] { "sequence_pool_1", "text_mask" })]
            public partial class InputClash { }
            """);
        Diagnostic clash = run.Single("MDSL0068");
        Assert.Contains("Input 'text_mask'", clash.GetMessage());
        Assert.Contains("padding mask of input 'text'", clash.GetMessage());
        // At the clashing input's declaration (line 5: the header's two lines, [Model], the text input).
        Assert.Equal(5, clash.Location.GetLineSpan().StartLinePosition.Line + 1);
    }

    [Fact]
    public void News_transformer_masks_the_padding_its_tokenizer_writes()
    {
        // Explanations occlude a token by writing this id, which the model's mask then hides (see the occlusion test above).
        Assert.Equal(ModelDsl.Data.TokenizedText.Padding, ModelDsl.Models.Declarations.NewsTransformer.Inputs.Single().PaddingId);
    }

    private static torch.Tensor Ids(long[][] rows, int length)
    {
        long[] ids = new long[rows.Length * length];
        Array.Fill(ids, Padding);
        for (int row = 0; row < rows.Length; row++)
            rows[row].CopyTo(ids, row * length);
        return torch.tensor(ids, [rows.Length, length]);
    }

    private static Type Build(string source, string typeName)
    {
        GeneratorRun run = GeneratorHarness.Run(source);
        Assert.DoesNotContain(run.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Empty(run.CompilationErrors);
        return GeneratorHarness.Load(run.Output, "masks-" + typeName).GetType(typeName)!;
    }
}
