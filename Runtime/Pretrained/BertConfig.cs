using System.Globalization;
using System.Text.Json;
using ModelDsl.Layers;

namespace ModelDsl.Pretrained;

/// <summary>
/// The architecture fields of a Hugging Face BERT <c>config.json</c> that decide whether its weights fit a
/// <see cref="BertEncoder"/>. Dropout probabilities are a fine-tuning choice and are not compared.
/// </summary>
internal sealed class BertConfig
{
    private readonly string _source;
    private readonly JsonElement _root;

    private BertConfig(string source, JsonElement root)
    {
        _source = source;
        _root = root;
    }

    /// <summary>Reads <paramref name="path"/>.</summary>
    /// <exception cref="PretrainedWeightsException">The file is not a JSON object.</exception>
    public static BertConfig Read(string path)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(File.ReadAllText(path));
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw new PretrainedWeightsException($"'{path}' is not a JSON object.");
            return new BertConfig($"'{path}'", document.RootElement.Clone());
        }
        catch (JsonException ex)
        {
            throw new PretrainedWeightsException($"'{path}' is not valid JSON: {ex.Message}", ex);
        }
    }

    /// <summary>all-MiniLM-L6-v2's configuration (its Hugging Face <c>config.json</c>), for the built-in source, which ships no config.</summary>
    public static BertConfig MiniLM(string source) => new(source, JsonDocument.Parse("""
        {"hidden_act": "gelu", "hidden_size": 384, "intermediate_size": 1536, "layer_norm_eps": 1e-12,
         "max_position_embeddings": 512, "num_attention_heads": 12, "num_hidden_layers": 6,
         "position_embedding_type": "absolute", "type_vocab_size": 2, "vocab_size": 30522}
        """).RootElement.Clone());

    /// <summary>Throws when a field the encoder depends on differs from <paramref name="options"/>; absent fields take Hugging Face's defaults.</summary>
    /// <exception cref="PretrainedWeightsException">The first differing field, with both values.</exception>
    public void Check(BertEncoderOptions options)
    {
        Compare("num_hidden_layers", 12, options.Layers, nameof(options.Layers));
        Compare("hidden_size", 768, options.Hidden, nameof(options.Hidden));
        Compare("num_attention_heads", 12, options.Heads, nameof(options.Heads));
        Compare("intermediate_size", 3072, options.Intermediate, nameof(options.Intermediate));
        Compare("max_position_embeddings", 512, options.MaxPositions, nameof(options.MaxPositions));
        Compare("vocab_size", 30522, options.Vocabulary, nameof(options.Vocabulary));
        Compare("type_vocab_size", 2, options.TypeVocabulary, nameof(options.TypeVocabulary));
        double eps = Number("layer_norm_eps", 1e-12);
        if (Math.Abs(eps - options.LayerNormEps) > 1e-9 * Math.Max(Math.Abs(eps), Math.Abs(options.LayerNormEps)))
            throw Differs("layer_norm_eps", eps.ToString("R", CultureInfo.InvariantCulture), $"LayerNormEps {options.LayerNormEps.ToString("R", CultureInfo.InvariantCulture)}");
        // The encoder computes exact GELU and absolute positions; other variants would load and compute something else.
        RequireText("hidden_act", "gelu");
        RequireText("position_embedding_type", "absolute");
    }

    private void Compare(string field, long fallback, long expected, string option)
    {
        double value = Number(field, fallback);
        if (value != expected)
            throw Differs(field, value.ToString(CultureInfo.InvariantCulture), $"{option} {expected}");
    }

    private double Number(string field, double fallback)
    {
        if (!_root.TryGetProperty(field, out JsonElement value))
            return fallback;
        if (value.ValueKind != JsonValueKind.Number)
            throw new PretrainedWeightsException($"{_source}: '{field}' must be a number, not {value.GetRawText()}.");
        return value.GetDouble();
    }

    private void RequireText(string field, string expected)
    {
        if (!_root.TryGetProperty(field, out JsonElement value))
            return;
        if (value.ValueKind != JsonValueKind.String || value.GetString() != expected)
            throw new PretrainedWeightsException($"{_source}: '{field}' is {value.GetRawText()}, but BertEncoder supports only \"{expected}\".");
    }

    private PretrainedWeightsException Differs(string field, string value, string encoder) =>
        new($"{_source}: '{field}' is {value}, but the encoder has {encoder}.");
}
