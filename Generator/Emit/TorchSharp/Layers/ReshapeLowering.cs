using System.Collections.Generic;
using System.Linq;
using ModelDsl.Generator.Layers;

namespace ModelDsl.Generator.Emit.TorchSharp.Layers
{
    /// <summary>Reshape to the resolved target, keeping the batch dimension.</summary>
    internal sealed class ReshapeLowering : TorchSharpLowering<ReshapeSettings>
    {
        protected override void EmitForward(CodeWriter writer, LayerPlan plan, ReshapeSettings settings, IReadOnlyList<string> inputs, string output) =>
            writer.Line($"var {output} = {inputs[0]}.reshape({inputs[0]}.shape[0], {string.Join(", ", settings.Shape.Select(Literals.Integer))});");
    }
}
