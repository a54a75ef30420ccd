namespace ModelDsl;

/// <summary>
/// A BERT-family encoder laid out as Hugging Face's <c>BertModel</c> without the pooler: token ids (length) → the last
/// hidden state (length, hidden). It reads a token-id input (length at most <see cref="MaxPositions"/>, vocabulary equal
/// to <see cref="Vocabulary"/>), honours that input's padding mask, and names its parameters as Hugging Face does
/// (<c>name.embeddings.word_embeddings.weight</c>, <c>name.encoder.layer.0.attention.self.query.weight</c>, …).
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class BertEncoderAttribute : LayerAttribute
{
    /// <summary>Declares an encoder of the given size, in the terms of a Hugging Face <c>config.json</c>.</summary>
    /// <param name="layers">Number of encoder layers (<c>num_hidden_layers</c>).</param>
    /// <param name="hidden">Width of the hidden state (<c>hidden_size</c>); a multiple of <paramref name="heads"/>.</param>
    /// <param name="heads">Attention heads (<c>num_attention_heads</c>).</param>
    /// <param name="intermediate">Width of each feed-forward block (<c>intermediate_size</c>).</param>
    /// <param name="maxPositions">Longest sequence the position embedding covers (<c>max_position_embeddings</c>).</param>
    /// <param name="vocabulary">Number of token ids (<c>vocab_size</c>).</param>
    public BertEncoderAttribute(int layers, int hidden, int heads, int intermediate, int maxPositions, int vocabulary)
    {
        Layers = layers;
        Hidden = hidden;
        Heads = heads;
        Intermediate = intermediate;
        MaxPositions = maxPositions;
        Vocabulary = vocabulary;
    }

    /// <summary>Number of encoder layers.</summary>
    public int Layers { get; }

    /// <summary>Width of the hidden state.</summary>
    public int Hidden { get; }

    /// <summary>Attention heads; must divide <see cref="Hidden"/>.</summary>
    public int Heads { get; }

    /// <summary>Width of each feed-forward block.</summary>
    public int Intermediate { get; }

    /// <summary>Longest sequence the position embedding covers.</summary>
    public int MaxPositions { get; }

    /// <summary>Number of token ids.</summary>
    public int Vocabulary { get; }

    /// <summary>Epsilon of every LayerNorm (default 1e-12, BERT's).</summary>
    public double LayerNormEps { get; set; } = 1e-12;

    /// <summary>Dropout of the embeddings, attention probabilities and residual branches while training (default 0.1).</summary>
    public double Dropout { get; set; } = 0.1;

    /// <summary>
    /// Weights loaded when training starts afresh (not when resuming or loading a checkpoint):
    /// <c>sentence-transformers/all-MiniLM-L6-v2</c> (built in), a Hugging Face model folder (<c>config.json</c>,
    /// <c>model.safetensors</c>, <c>vocab.txt</c>) or an <c>.onnx</c> export; null or empty for random weights. The
    /// source's WordPiece vocabulary also becomes the trainer's default text encoder.
    /// </summary>
    public string? Pretrained { get; set; }
}
