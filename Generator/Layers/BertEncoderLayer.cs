using System.Collections.Generic;
using System.Globalization;
using ModelDsl.Generator.Spec;

namespace ModelDsl.Generator.Layers
{
    /// <summary>
    /// A BERT-family encoder (Hugging Face's <c>BertModel</c> without the pooler) over token ids: (length) → (length, hidden).
    /// Reads a token-id input and, like an Embedding, starts that input's padding mask, which it keeps on its output.
    /// </summary>
    internal sealed class BertEncoderLayer : LayerDefinition<BertEncoderSettings>
    {
        public override string Kind => "BertEncoder";

        public override string NamePrefix => "bert_encoder";

        public override string Description => "A BERT encoder (Hugging Face layout, no pooler) over token ids: (length) → (length, hidden); optionally pretrained.";

        public override bool ReadsTokens => true;

        public override IReadOnlyList<ParameterDefinition> Parameters { get; } = new[]
        {
            ParameterDefinition.RequiredSize("layers", "Number of encoder layers (num_hidden_layers).") with { Maximum = ParameterDefinition.MaxCount },
            ParameterDefinition.RequiredSize("hidden", "Width of the hidden state (hidden_size); a multiple of heads."),
            ParameterDefinition.RequiredSize("heads", "Attention heads (num_attention_heads); must divide hidden.") with { Maximum = ParameterDefinition.MaxCount },
            ParameterDefinition.RequiredSize("intermediate", "Width of each feed-forward block (intermediate_size)."),
            ParameterDefinition.RequiredSize("max_positions", "Longest sequence the position embedding covers (max_position_embeddings); at least the token length."),
            ParameterDefinition.RequiredSize("vocabulary", "Number of token ids (vocab_size); equal to the token input's vocabulary."),
            ParameterDefinition.Number("layer_norm_eps", 1e-12, "Epsilon of every LayerNorm (layer_norm_eps)."),
            ParameterDefinition.Number("dropout", 0.1, "Dropout of embeddings, attention and residual branches while training (hidden_dropout_prob), in [0, 1)."),
            new ParameterDefinition("pretrained", ArgumentKind.Text, ArgumentValue.OfText(""),
                "Weights to load on a fresh start: sentence-transformers/all-MiniLM-L6-v2 (built in), a Hugging Face model folder, or an .onnx file; empty for random weights."),
        };

        /// <summary>Locals the emitted forward() statements take (the PyTorch twin computes BERT inline).</summary>
        private static readonly string[] LocalSuffixes = { "hidden", "bias", "layer", "embeddings", "heads", "scores", "context", "inner" };

        public override IEnumerable<string> DerivedNames(string layerName) => System.Linq.Enumerable.Select(LocalSuffixes, suffix => LocalName(layerName, suffix));

        /// <summary>The forward() local of layer <paramref name="layerName"/> for <paramref name="suffix"/> (one of <see cref="LocalSuffixes"/>).</summary>
        public static string LocalName(string layerName, string suffix) => layerName + "_" + suffix;

        /// <summary>Hugging Face's BERT has two token types (segments); every token here is type 0.</summary>
        public const long TypeVocabulary = 2;

        public override LayerShape Infer(LayerContext context)
        {
            if (context.Input.Count != 1)
            {
                context.Report(Diagnostics.EmbeddingNotFirst, context.LayerSpan, context.Name, Shape.Display(context.Input), context.Kind);
                return LayerShape.Failed;
            }
            if (!context.RequireFraction("dropout"))
                return LayerShape.Failed;
            double eps = context.Number("layer_norm_eps");
            if (!(eps > 0) || eps >= 1)
            {
                context.Report(Diagnostics.InvalidArgument, context.SpanOf("layer_norm_eps"), "layer_norm_eps", context.Name,
                    eps.ToString("R", CultureInfo.InvariantCulture), "a positive number below 1");
                return LayerShape.Failed;
            }
            long length = context.Input[0], hidden = context.Int("hidden"), heads = context.Int("heads"), intermediate = context.Int("intermediate");
            long maxPositions = context.Int("max_positions"), vocabulary = context.Int("vocabulary"), layers = context.Int("layers");
            bool ok = true;
            if (hidden % heads != 0)
            {
                context.Report(Diagnostics.HiddenNotDivisibleByHeads, context.SpanOf("heads"), context.Name,
                    hidden.ToString(CultureInfo.InvariantCulture), heads.ToString(CultureInfo.InvariantCulture));
                ok = false;
            }
            if (length > maxPositions)
            {
                context.Report(Diagnostics.SequenceLongerThanPositions, context.SpanOf("max_positions"), context.Name,
                    length.ToString(CultureInfo.InvariantCulture), context.InputNames[0], maxPositions.ToString(CultureInfo.InvariantCulture));
                ok = false;
            }
            long declared = context.InputVocabularies.Count > 0 ? context.InputVocabularies[0] : 0;
            if (declared > 0 && declared != vocabulary)
            {
                context.Report(Diagnostics.VocabularyMismatch, context.SpanOf("vocabulary"), context.Name,
                    vocabulary.ToString(CultureInfo.InvariantCulture), context.InputNames[0], declared.ToString(CultureInfo.InvariantCulture));
                ok = false;
            }
            // A pretrained vocabulary pads with its [PAD] id; without a declared padding id no mask is built and attention
            // and pooling would read the padding as words. The loaded vocabulary's [PAD] is checked against it at run time.
            string pretrained = context.Text("pretrained");
            if (pretrained.Length > 0 && (context.InputPaddingIds.Count == 0 || context.InputPaddingIds[0] < 0))
            {
                context.Report(Diagnostics.PretrainedWithoutPaddingId, context.SpanOf("pretrained"), context.Name, pretrained, context.InputNames[0],
                    context.Source == ModelSource.Yaml ? "e.g. 'padding_id: 0' in the input" : "e.g. PaddingId = 0 on its [Input]");
                ok = false;
            }
            if (!ok)
                return LayerShape.Failed;
            return Result(Shape.Of(length, hidden), ParameterCount(layers, hidden, intermediate, maxPositions, vocabulary),
                new BertEncoderSettings(layers, hidden, heads, intermediate, maxPositions, vocabulary, eps, context.Number("dropout"), length,
                    pretrained, pretrained.Length > 0 ? context.InputPaddingIds[0] : -1));
        }

        /// <summary>
        /// The parameters of Hugging Face's BERT encoder without the pooler: word, position and token-type embeddings and
        /// their LayerNorm, then per layer the query/key/value/output projections with biases (4h² + 4h), the attention
        /// LayerNorm (2h), the intermediate dense (h·i + i), the output dense (i·h + h) and the output LayerNorm (2h).
        /// </summary>
        public static long ParameterCount(long layers, long hidden, long intermediate, long maxPositions, long vocabulary)
        {
            long embeddings = ParameterMath.Sum(ParameterMath.Product(ParameterMath.Sum(vocabulary, maxPositions, TypeVocabulary), hidden),
                ParameterMath.Product(2, hidden));
            long perLayer = ParameterMath.Sum(ParameterMath.Product(4, hidden, hidden), ParameterMath.Product(2, hidden, intermediate),
                ParameterMath.Product(9, hidden), intermediate);
            return ParameterMath.Sum(embeddings, ParameterMath.Product(layers, perLayer));
        }
    }
}
