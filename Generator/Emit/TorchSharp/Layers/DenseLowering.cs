using System.Collections.Generic;
using ModelDsl.Generator.Layers;

namespace ModelDsl.Generator.Emit.TorchSharp.Layers
{
    /// <summary>Dense as TorchSharp's Linear, then its activation.</summary>
    internal sealed class DenseLowering : TorchSharpLowering<DenseSettings>
    {
        protected override string? ModuleTypeOf(DenseSettings settings) => "global::TorchSharp.Modules.Linear";

        protected override string ConstructOf(DenseSettings settings) =>
            $"global::TorchSharp.torch.nn.Linear({settings.InFeatures}, {settings.Units}{(settings.UseBias ? "" : ", hasBias: false")})";

        protected override void EmitForward(CodeWriter writer, LayerPlan plan, DenseSettings settings, IReadOnlyList<string> inputs, string output) =>
            WriteModuleCall(writer, plan, inputs[0], output);
    }
}
