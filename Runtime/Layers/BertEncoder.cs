using TorchSharp;
using static TorchSharp.torch;

namespace ModelDsl.Layers;

/// <summary>
/// A BERT-family encoder as Hugging Face's <c>BertModel</c> computes it, without the pooler: word + position + token-type
/// embeddings and LayerNorm, then <see cref="BertEncoderOptions.Layers"/> post-LN layers of multi-head self-attention
/// (through <c>scaled_dot_product_attention</c>, padding masked out) and an exact-GELU feed-forward block.
/// </summary>
/// <remarks>
/// Parameter names are Hugging Face's state-dict names relative to this module (<c>embeddings.word_embeddings.weight</c>,
/// <c>encoder.layer.0.attention.self.query.weight</c>, <c>encoder.layer.0.output.LayerNorm.bias</c>, …), so a BERT
/// checkpoint's tensors load by name. Every token has token type 0.
/// </remarks>
public sealed class BertEncoder : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly BertEmbeddings embeddings;
    private readonly BertLayerStack encoder;

    /// <summary>Creates an encoder of the given size with freshly initialised weights.</summary>
    /// <param name="name">The module's name.</param>
    /// <param name="options">The encoder's size; checked by <see cref="BertEncoderOptions.Validate"/>.</param>
    /// <exception cref="ArgumentException">The options cannot make an encoder; the message names the field.</exception>
    public BertEncoder(string name, BertEncoderOptions options) : base(name)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        embeddings = new BertEmbeddings("embeddings", options);
        encoder = new BertLayerStack("encoder", options);
        // The fields carry Hugging Face's state-dict names; RegisterComponents registers them under those names.
        RegisterComponents();
    }

    /// <summary>The encoder's size.</summary>
    public BertEncoderOptions Options { get; }

    /// <summary>Encodes a batch of token ids.</summary>
    /// <param name="inputIds">int64 <c>[batch, length]</c>, length at most <see cref="BertEncoderOptions.MaxPositions"/>.</param>
    /// <param name="attentionMask"><c>[batch, length]</c>, true (or non-zero) for a real token, false for padding, which no token attends to.</param>
    /// <returns>The last hidden state, float32 <c>[batch, length, hidden]</c>. Rows at padding positions are computed but carry no meaning.</returns>
    /// <exception cref="ArgumentException">The ids are not int64 <c>[batch, length]</c>, the mask's shape differs, or the sequence is longer than the position embedding.</exception>
    public override Tensor forward(Tensor inputIds, Tensor attentionMask)
    {
        CheckInputs(inputIds, attentionMask);
        using var scope = torch.NewDisposeScope();
        var embedded = embeddings.forward(inputIds);
        var additiveMask = AdditiveMask(attentionMask, embedded.dtype);
        var hidden = encoder.forward(embedded, additiveMask);
        return scope.MoveToOuter(hidden);
    }

    // [batch, length] real-token mask → [batch, 1, 1, length]: 0 where a key may be attended, the dtype's lowest value where
    // not. Additive rather than boolean so a row with no real token gives finite (meaningless) values, not NaN.
    private static Tensor AdditiveMask(Tensor attentionMask, ScalarType dtype)
    {
        var real = attentionMask.dtype == ScalarType.Bool ? attentionMask : attentionMask.ne(0);
        var padding = real.logical_not().unsqueeze(1).unsqueeze(2);
        return torch.zeros(padding.shape, dtype: dtype, device: attentionMask.device).masked_fill(padding, torch.finfo(dtype).min);
    }

    private void CheckInputs(Tensor inputIds, Tensor attentionMask)
    {
        if (inputIds.dim() != 2 || inputIds.dtype != ScalarType.Int64)
            throw new ArgumentException($"BertEncoder '{GetName()}': input ids must be int64 [batch, length], not {inputIds.dtype} [{string.Join(", ", inputIds.shape)}].", nameof(inputIds));
        if (!attentionMask.shape.SequenceEqual(inputIds.shape))
            throw new ArgumentException($"BertEncoder '{GetName()}': the attention mask [{string.Join(", ", attentionMask.shape)}] must have the ids' shape [{string.Join(", ", inputIds.shape)}].", nameof(attentionMask));
        if (inputIds.shape[1] > Options.MaxPositions)
            throw new ArgumentException($"BertEncoder '{GetName()}': {inputIds.shape[1]} tokens exceed the {Options.MaxPositions} positions the encoder embeds.", nameof(inputIds));
    }
}
