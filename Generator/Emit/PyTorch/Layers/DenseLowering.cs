using System.Collections.Generic;
using System.Linq;
using ModelDsl.Generator.Layers;
using ModelDsl.Generator.Spec;

namespace ModelDsl.Generator.Emit.PyTorch.Layers
{
    /// <summary>Dense as nn.Linear, then its activation.</summary>
    internal sealed class DenseLowering : PyTorchLowering<DenseSettings>
    {
        protected override string? ConstructOf(DenseSettings settings) =>
            $"nn.Linear({settings.InFeatures}, {settings.Units}{(settings.UseBias ? "" : ", bias=False")})";

        protected override void EmitForward(PythonWriter writer, LayerPlan plan, DenseSettings settings, IReadOnlyList<string> inputs, string output) =>
            WriteModuleCall(writer, plan, inputs[0], output);
    }
}
