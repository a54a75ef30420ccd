using TorchSharp;
using static TorchSharp.torch;

namespace ModelDsl.Layers;

/// <summary>Self-attention and its residual step (Hugging Face <c>attention.self.*</c>, <c>attention.output.*</c>).</summary>
internal sealed class BertAttention : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly BertSelfAttention @self;
    private readonly BertResidualOutput output;

    public BertAttention(string name, BertEncoderOptions options) : base(name)
    {
        @self = new BertSelfAttention("self", options);
        output = new BertResidualOutput("output", options.Hidden, options);
        // The fields carry Hugging Face's state-dict names; RegisterComponents registers them under those names.
        RegisterComponents();
    }

    /// <summary><c>LayerNorm(hidden + dropout(dense(attention(hidden))))</c>.</summary>
    public override Tensor forward(Tensor hidden, Tensor additiveMask)
    {
        using var context = @self.forward(hidden, additiveMask);
        return output.forward(context, hidden);
    }
}
