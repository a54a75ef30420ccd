using System.Collections.Generic;
using System.Linq;
using ModelDsl.Generator.Layers;

namespace ModelDsl.Generator.Emit.Onnx.Layers
{
    /// <summary>LayerNorm as <c>LayerNormalization</c> over the last axis.</summary>
    internal sealed class LayerNormLowering : OnnxLowering<LayerNormSettings>
    {
        protected override string Method(LayerPlan plan, LayerNormSettings settings, IReadOnlyList<string> inputs) =>
            $"LayerNorm({Name(plan)}, {inputs[0]}, epsilon: {Literals.Number(settings.Epsilon)})";
    }
}
