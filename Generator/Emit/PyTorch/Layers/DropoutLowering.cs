using System.Collections.Generic;
using System.Linq;
using ModelDsl.Generator.Layers;
using ModelDsl.Generator.Spec;

namespace ModelDsl.Generator.Emit.PyTorch.Layers
{
    /// <summary>Dropout as the functional call, active only in training mode.</summary>
    internal sealed class DropoutLowering : PyTorchLowering<DropoutSettings>
    {
        protected override void EmitForward(PythonWriter writer, LayerPlan plan, DropoutSettings settings, IReadOnlyList<string> inputs, string output) =>
            writer.Line($"{output} = F.dropout({inputs[0]}, {PythonLiterals.Number(settings.Rate)}, self.training)");
    }
}
