using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ModelDsl.Layers;

/// <summary>The first half of BERT's feed-forward block (Hugging Face <c>intermediate.dense</c>): a linear layer and exact (erf) GELU.</summary>
internal sealed class BertIntermediate : nn.Module<Tensor, Tensor>
{
    private readonly Linear dense;

    public BertIntermediate(string name, BertEncoderOptions options) : base(name)
    {
        dense = nn.Linear(options.Hidden, options.Intermediate);
        // The fields carry Hugging Face's state-dict names; RegisterComponents registers them under those names.
        RegisterComponents();
    }

    /// <summary><c>gelu(dense(x))</c>.</summary>
    public override Tensor forward(Tensor hidden)
    {
        using var projected = dense.forward(hidden);
        return nn.functional.gelu(projected);
    }
}
