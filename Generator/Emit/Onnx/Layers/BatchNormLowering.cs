using System.Collections.Generic;
using System.Linq;
using ModelDsl.Generator.Layers;

namespace ModelDsl.Generator.Emit.Onnx.Layers
{
    /// <summary>BatchNorm as <c>BatchNormalization</c> with the running statistics (inference form).</summary>
    internal sealed class BatchNormLowering : OnnxLowering<BatchNormSettings>
    {
        protected override string Method(LayerPlan plan, BatchNormSettings settings, IReadOnlyList<string> inputs) =>
            $"BatchNorm({Name(plan)}, {inputs[0]}, epsilon: {Literals.Number(settings.Epsilon)})";
    }
}
