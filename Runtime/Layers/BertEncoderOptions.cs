namespace ModelDsl.Layers;

/// <summary>
/// The size of a BERT-family encoder, in the terms of a Hugging Face <c>config.json</c>: <c>num_hidden_layers</c>,
/// <c>hidden_size</c>, <c>num_attention_heads</c>, <c>intermediate_size</c>, <c>max_position_embeddings</c>,
/// <c>vocab_size</c>, <c>layer_norm_eps</c>, <c>hidden_dropout_prob</c> (also used for the attention probabilities) and
/// <c>type_vocab_size</c>.
/// </summary>
/// <param name="Layers">Number of encoder layers.</param>
/// <param name="Hidden">Width of the hidden state; a multiple of <paramref name="Heads"/>.</param>
/// <param name="Heads">Number of attention heads.</param>
/// <param name="Intermediate">Width of each layer's feed-forward block.</param>
/// <param name="MaxPositions">Longest sequence the position embedding covers.</param>
/// <param name="Vocabulary">Number of token ids.</param>
/// <param name="LayerNormEps">Epsilon of every LayerNorm.</param>
/// <param name="Dropout">Dropout probability of the embeddings, attention probabilities and residual branches (training only).</param>
/// <param name="TypeVocabulary">Number of token types (segments); the encoder always uses type 0.</param>
public sealed record BertEncoderOptions(
    long Layers,
    long Hidden,
    long Heads,
    long Intermediate,
    long MaxPositions,
    long Vocabulary,
    double LayerNormEps = 1e-12,
    double Dropout = 0.1,
    long TypeVocabulary = 2)
{
    /// <summary>Width of one attention head (<see cref="Hidden"/> / <see cref="Heads"/>).</summary>
    public long HeadSize => Hidden / Heads;

    /// <summary>Throws when the sizes cannot make an encoder, naming the field.</summary>
    /// <exception cref="ArgumentException">A size is not positive, <see cref="Hidden"/> is not a multiple of <see cref="Heads"/>, or dropout is outside [0, 1).</exception>
    public void Validate()
    {
        RequirePositive(Layers, nameof(Layers));
        RequirePositive(Hidden, nameof(Hidden));
        RequirePositive(Heads, nameof(Heads));
        RequirePositive(Intermediate, nameof(Intermediate));
        RequirePositive(MaxPositions, nameof(MaxPositions));
        RequirePositive(Vocabulary, nameof(Vocabulary));
        RequirePositive(TypeVocabulary, nameof(TypeVocabulary));
        if (Hidden % Heads != 0)
            throw new ArgumentException($"BertEncoderOptions: Hidden ({Hidden}) must be a multiple of Heads ({Heads}).");
        if (!(LayerNormEps > 0) || double.IsInfinity(LayerNormEps))
            throw new ArgumentException($"BertEncoderOptions: LayerNormEps must be a positive finite number, not {LayerNormEps}.");
        if (!(Dropout >= 0 && Dropout < 1))
            throw new ArgumentException($"BertEncoderOptions: Dropout must be in [0, 1), not {Dropout}.");
    }

    private static void RequirePositive(long value, string field)
    {
        if (value <= 0)
            throw new ArgumentException($"BertEncoderOptions: {field} must be positive, not {value}.");
    }
}
