using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ModelDsl.Layers;

/// <summary>
/// Multi-head self-attention of one BERT layer (Hugging Face <c>attention.self.*</c>: <c>query</c>, <c>key</c>,
/// <c>value</c>), computed by <c>scaled_dot_product_attention</c> with an additive padding mask.
/// </summary>
internal sealed class BertSelfAttention : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly Linear query;
    private readonly Linear key;
    private readonly Linear value;
    private readonly long _heads;
    private readonly long _headSize;
    private readonly double _dropout;

    public BertSelfAttention(string name, BertEncoderOptions options) : base(name)
    {
        _heads = options.Heads;
        _headSize = options.HeadSize;
        _dropout = options.Dropout;
        query = nn.Linear(options.Hidden, options.Hidden);
        key = nn.Linear(options.Hidden, options.Hidden);
        value = nn.Linear(options.Hidden, options.Hidden);
        // The fields carry Hugging Face's state-dict names; RegisterComponents registers them under those names.
        RegisterComponents();
    }

    /// <summary>Attends <c>[batch, length, hidden]</c> under <paramref name="additiveMask"/> <c>[batch, 1, 1, length]</c> (0 or a large negative).</summary>
    public override Tensor forward(Tensor hidden, Tensor additiveMask)
    {
        long batch = hidden.shape[0];
        long length = hidden.shape[1];
        using var queries = Heads(query.forward(hidden), batch, length);
        using var keys = Heads(key.forward(hidden), batch, length);
        using var values = Heads(value.forward(hidden), batch, length);
        using var context = nn.functional.scaled_dot_product_attention(queries, keys, values, additiveMask, training ? _dropout : 0.0);
        using var merged = context.transpose(1, 2);
        return merged.reshape(batch, length, _heads * _headSize);
    }

    // [batch, length, hidden] → [batch, heads, length, head size]; disposes the projection it is given.
    private Tensor Heads(Tensor projected, long batch, long length)
    {
        using (projected)
        using (var split = projected.view(batch, length, _heads, _headSize))
            return split.transpose(1, 2);
    }
}
