using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ModelDsl.Layers;

/// <summary>
/// The post-LN residual step BERT uses twice per layer (Hugging Face <c>attention.output.*</c> and <c>output.*</c>):
/// <c>LayerNorm(dropout(dense(x)) + residual)</c>.
/// </summary>
internal sealed class BertResidualOutput : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly Linear dense;
    private readonly LayerNorm LayerNorm;
    private readonly Dropout dropout;

    public BertResidualOutput(string name, long inFeatures, BertEncoderOptions options) : base(name)
    {
        dense = nn.Linear(inFeatures, options.Hidden);
        LayerNorm = nn.LayerNorm([options.Hidden], eps: options.LayerNormEps);
        dropout = nn.Dropout(options.Dropout);
        // The fields carry Hugging Face's state-dict names; RegisterComponents registers them under those names.
        RegisterComponents();
    }

    /// <summary>Projects <paramref name="input"/> to the hidden width and adds it to <paramref name="residual"/> before the LayerNorm.</summary>
    public override Tensor forward(Tensor input, Tensor residual)
    {
        using var projected = dense.forward(input);
        using var dropped = dropout.forward(projected);
        using var sum = dropped + residual;
        return LayerNorm.forward(sum);
    }
}
