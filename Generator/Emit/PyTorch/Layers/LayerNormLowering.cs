using System.Collections.Generic;
using System.Linq;
using ModelDsl.Generator.Layers;
using ModelDsl.Generator.Spec;

namespace ModelDsl.Generator.Emit.PyTorch.Layers
{
    /// <summary>LayerNorm as nn.LayerNorm over the last axis.</summary>
    internal sealed class LayerNormLowering : PyTorchLowering<LayerNormSettings>
    {
        protected override string? ConstructOf(LayerNormSettings settings) =>
            $"nn.LayerNorm({settings.Features}{(settings.Epsilon == 1e-5 ? "" : ", eps=" + PythonLiterals.Number(settings.Epsilon))})";

        protected override void EmitForward(PythonWriter writer, LayerPlan plan, LayerNormSettings settings, IReadOnlyList<string> inputs, string output) =>
            WriteModuleCall(writer, plan, inputs[0], output);
    }
}
