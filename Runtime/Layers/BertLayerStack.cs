using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ModelDsl.Layers;

/// <summary>BERT's stack of layers (Hugging Face <c>encoder.layer.0</c> … <c>encoder.layer.N-1</c>).</summary>
internal sealed class BertLayerStack : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly ModuleList<BertLayer> layer;

    public BertLayerStack(string name, BertEncoderOptions options) : base(name)
    {
        layer = nn.ModuleList(Enumerable.Range(0, checked((int)options.Layers)).Select(i => new BertLayer($"layer_{i}", options)).ToArray());
        // The fields carry Hugging Face's state-dict names; RegisterComponents registers them under those names.
        RegisterComponents();
    }

    /// <summary>Runs every layer in order.</summary>
    public override Tensor forward(Tensor hidden, Tensor additiveMask)
    {
        Tensor current = hidden;
        foreach (BertLayer block in layer)
        {
            Tensor next = block.forward(current, additiveMask);
            if (!ReferenceEquals(current, hidden))
                current.Dispose();
            current = next;
        }
        return ReferenceEquals(current, hidden) ? hidden.alias() : current;
    }
}
