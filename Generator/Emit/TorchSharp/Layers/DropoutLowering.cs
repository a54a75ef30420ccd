using System.Collections.Generic;
using ModelDsl.Generator.Layers;

namespace ModelDsl.Generator.Emit.TorchSharp.Layers
{
    /// <summary>Dropout as the functional call, active only in training mode.</summary>
    internal sealed class DropoutLowering : TorchSharpLowering<DropoutSettings>
    {
        protected override void EmitForward(CodeWriter writer, LayerPlan plan, DropoutSettings settings, IReadOnlyList<string> inputs, string output) =>
            writer.Line($"var {output} = global::TorchSharp.torch.nn.functional.dropout({inputs[0]}, {Literals.Number(settings.Rate)}, training);");
    }
}
