using System.Collections.Generic;
using System.Linq;
using ModelDsl.Generator.Layers;

namespace ModelDsl.Generator.Emit.Onnx.Layers
{
    /// <summary>Embedding as <c>Gather</c> of the weight rows.</summary>
    internal sealed class EmbeddingLowering : OnnxLowering<EmbeddingSettings>
    {
        protected override string Method(LayerPlan plan, EmbeddingSettings settings, IReadOnlyList<string> inputs) =>
            $"Embedding({Name(plan)}, {inputs[0]})";
    }
}
