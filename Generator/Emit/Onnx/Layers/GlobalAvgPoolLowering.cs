using System.Collections.Generic;
using System.Linq;
using ModelDsl.Generator.Layers;

namespace ModelDsl.Generator.Emit.Onnx.Layers
{
    /// <summary>GlobalAvgPool as <c>GlobalAveragePool</c> and <c>Flatten</c>.</summary>
    internal sealed class GlobalAvgPoolLowering : OnnxLowering<GlobalAvgPoolSettings>
    {
        protected override string Method(LayerPlan plan, GlobalAvgPoolSettings settings, IReadOnlyList<string> inputs) =>
            $"GlobalAvgPool({Name(plan)}, {inputs[0]})";
    }
}
