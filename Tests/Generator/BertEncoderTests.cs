using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;

namespace ModelDsl.Tests.Generator;

/// <summary>
/// The BertEncoder layer kind (issue 17): Hugging Face's BERT encoder without the pooler, its compile-time shape and
/// parameter count, the padding mask it reads and carries, and the same model from both front ends.
/// </summary>
public sealed partial class BertEncoderTests
{
    private const string Header = "using ModelDsl;\nnamespace Berts;\n";

    /// <summary>all-MiniLM-L6-v2's size: 6 layers, hidden 384, 12 heads, intermediate 1536, 512 positions, 30,522 ids.</summary>
    private const string MiniLm = Header + """
        [Model]
        [Input("text", 128, Vocabulary = 30522, PaddingId = 0)]
        [BertEncoder(6, 384, 12, 1536, 512, 30522, Name = "encoder")]
        [SequencePool(SequencePooling.Mean, Name = "pooled")]
        [Dense(3)]
        public partial class MiniLm { }
        """;

    [Fact]
    public void MiniLm_sized_encoder_has_the_parameters_of_hugging_faces_bert_without_the_pooler()
    {
        GeneratorRun run = GeneratorHarness.Run(MiniLm);
        Assert.DoesNotContain(run.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        string module = run.Sources["Berts.MiniLm.Module.g.cs"];
        // Embeddings (30,522 + 512 + 2) × 384 + LayerNorm 768 = 11,918,592; per layer 4·384² + 4·384 (Q, K, V, O)
        // + 768 (attention LayerNorm) + 384·1536 + 1536 + 1536·384 + 384 + 768 = 1,774,464, six of them 10,646,784.
        // (Hugging Face's BertModel reports 22,713,216 for all-MiniLM-L6-v2: the same plus its pooler's 384 × 384 + 384.)
        const long Encoder = 11_918_592 + 6 * 1_774_464;
        Assert.Equal(22_565_376, Encoder);
        Assert.Contains($"public const long ParameterCount = {Encoder + 384 * 3 + 3}L;", module);
        Assert.Matches(@"encoder \(BertEncoder\) +\(None, 128, 384\) +22,565,376 +text", module);
    }

    [Fact]
    public void The_encoder_reads_the_padding_mask_and_carries_it_to_the_pool()
    {
        string module = GeneratorHarness.Run(MiniLm).Sources["Berts.MiniLm.Module.g.cs"];
        Assert.Contains("var text_mask = text.ne(0L);", module);
        Assert.Contains("var encoder = this.encoder.call(text, text_mask);", module);
        Assert.Contains("var pooled = (encoder * pooled_weights).sum(1) / pooled_weights.sum(1).clamp_min(1.0);", module);
        Assert.Contains("encoder = new global::ModelDsl.Layers.BertEncoder(\"BertEncoder\", new global::ModelDsl.Layers.BertEncoderOptions(6, 384, 12, 1536, 512, 30522, LayerNormEps: 1E-12, Dropout: 0.1));", module);
    }

    [Fact]
    public void Without_a_padding_id_every_token_is_real()
    {
        string module = GeneratorHarness.Run(MiniLm.Replace(", PaddingId = 0", "")).Sources["Berts.MiniLm.Module.g.cs"];
        Assert.Contains("var encoder = this.encoder.call(text, global::TorchSharp.torch.ones_like(text, dtype: global::TorchSharp.torch.@bool));", module);
        Assert.DoesNotContain("_mask", module);
    }

    [Fact]
    public void The_spec_hash_covers_the_pretrained_source()
    {
        string Hash(string source) => SpecHashPattern().Match(GeneratorHarness.Run(source).Sources["Berts.MiniLm.Module.g.cs"]).Groups[1].Value;
        string random = Hash(MiniLm);
        string pretrained = Hash(MiniLm.Replace("Name = \"encoder\"", "Name = \"encoder\", Pretrained = \"sentence-transformers/all-MiniLM-L6-v2\""));
        string otherSource = Hash(MiniLm.Replace("Name = \"encoder\"", "Name = \"encoder\", Pretrained = \"models/finbert\""));
        Assert.Equal(3, new[] { random, pretrained, otherSource }.Distinct().Count());
    }

    [Fact]
    public void Yaml_and_attributes_declare_the_same_encoder()
    {
        const string yaml = """
            name: MiniLm
            namespace: Berts
            inputs:
              text: { tokens: 128, vocabulary: 30522, padding_id: 0 }
            layers:
              - type: bert_encoder
                name: encoder
                layers: 6
                hidden: 384
                heads: 12
                intermediate: 1536
                max_positions: 512
                vocabulary: 30522
              - { type: sequence_pool, mode: mean, name: pooled }
              - { type: dense, units: 3 }
            """;
        GeneratorRun fromYaml = GeneratorHarness.Run([""], new InMemoryAdditionalText("MiniLm.model.yaml", yaml));
        GeneratorRun fromAttributes = GeneratorHarness.Run(MiniLm);
        Assert.Equal(fromAttributes.Sources["Berts.MiniLm.Module.g.cs"], fromYaml.Sources["Berts.MiniLm.Module.g.cs"]);
    }

    [GeneratedRegex("SpecHash = \"([0-9a-f]{16})\"")]
    private static partial Regex SpecHashPattern();
}
