using System.Collections.Generic;
using System.Linq;
using ModelDsl.Generator.Layers;
using ModelDsl.Generator.Spec;

namespace ModelDsl.Generator.Emit.PyTorch.Layers
{
    /// <summary>Reshape to the resolved target, keeping the batch dimension.</summary>
    internal sealed class ReshapeLowering : PyTorchLowering<ReshapeSettings>
    {
        protected override void EmitForward(PythonWriter writer, LayerPlan plan, ReshapeSettings settings, IReadOnlyList<string> inputs, string output) =>
            writer.Line($"{output} = {inputs[0]}.reshape({inputs[0]}.shape[0], {string.Join(", ", settings.Shape.Select(PythonLiterals.Integer))})");
    }
}
