using System.Collections.Generic;
using System.Linq;
using ModelDsl.Generator.Layers;

namespace ModelDsl.Generator.Emit.Onnx.Layers
{
    /// <summary>Flatten as <c>Flatten</c> after the batch axis.</summary>
    internal sealed class FlattenLowering : OnnxLowering<FlattenSettings>
    {
        protected override string Method(LayerPlan plan, FlattenSettings settings, IReadOnlyList<string> inputs) =>
            $"Flatten({Name(plan)}, {inputs[0]})";
    }
}
