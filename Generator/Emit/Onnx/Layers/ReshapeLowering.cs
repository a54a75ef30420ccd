using System.Collections.Generic;
using System.Linq;
using ModelDsl.Generator.Layers;

namespace ModelDsl.Generator.Emit.Onnx.Layers
{
    /// <summary>Reshape as <c>Reshape</c>, keeping the batch.</summary>
    internal sealed class ReshapeLowering : OnnxLowering<ReshapeSettings>
    {
        protected override string Method(LayerPlan plan, ReshapeSettings settings, IReadOnlyList<string> inputs) =>
            $"Reshape({Name(plan)}, {inputs[0]}, {string.Join(", ", settings.Shape.Select(Literals.Integer))})";
    }
}
