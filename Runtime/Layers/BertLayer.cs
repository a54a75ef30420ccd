using TorchSharp;
using static TorchSharp.torch;

namespace ModelDsl.Layers;

/// <summary>One post-LN BERT layer (Hugging Face <c>encoder.layer.N.*</c>): attention, then the GELU feed-forward with its residual step.</summary>
internal sealed class BertLayer : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly BertAttention attention;
    private readonly BertIntermediate intermediate;
    private readonly BertResidualOutput output;

    public BertLayer(string name, BertEncoderOptions options) : base(name)
    {
        attention = new BertAttention("attention", options);
        intermediate = new BertIntermediate("intermediate", options);
        output = new BertResidualOutput("output", options.Intermediate, options);
        // The fields carry Hugging Face's state-dict names; RegisterComponents registers them under those names.
        RegisterComponents();
    }

    /// <summary>Maps <c>[batch, length, hidden]</c> to the same shape.</summary>
    public override Tensor forward(Tensor hidden, Tensor additiveMask)
    {
        using var attended = attention.forward(hidden, additiveMask);
        using var widened = intermediate.forward(attended);
        return output.forward(widened, attended);
    }
}
