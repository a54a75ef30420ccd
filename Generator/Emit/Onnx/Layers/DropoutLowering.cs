using System.Collections.Generic;
using System.Linq;
using ModelDsl.Generator.Layers;

namespace ModelDsl.Generator.Emit.Onnx.Layers
{
    /// <summary>Dropout as <c>Identity</c>: the export is the inference form.</summary>
    internal sealed class DropoutLowering : OnnxLowering<DropoutSettings>
    {
        protected override string Method(LayerPlan plan, DropoutSettings settings, IReadOnlyList<string> inputs) =>
            $"Dropout({Name(plan)}, {inputs[0]})";
    }
}
