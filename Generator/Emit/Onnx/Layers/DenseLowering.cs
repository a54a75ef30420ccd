using System.Collections.Generic;
using System.Linq;
using ModelDsl.Generator.Layers;

namespace ModelDsl.Generator.Emit.Onnx.Layers
{
    /// <summary>Dense as <c>Gemm</c>, then its activation.</summary>
    internal sealed class DenseLowering : OnnxLowering<DenseSettings>
    {
        protected override string Method(LayerPlan plan, DenseSettings settings, IReadOnlyList<string> inputs) =>
            $"Dense({Name(plan)}, {inputs[0]}{ActivationArgument(plan)})";
    }
}
