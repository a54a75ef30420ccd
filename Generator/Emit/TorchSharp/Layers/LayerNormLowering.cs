using System.Collections.Generic;
using ModelDsl.Generator.Layers;

namespace ModelDsl.Generator.Emit.TorchSharp.Layers
{
    /// <summary>LayerNorm as TorchSharp's LayerNorm over the last axis.</summary>
    internal sealed class LayerNormLowering : TorchSharpLowering<LayerNormSettings>
    {
        protected override string? ModuleTypeOf(LayerNormSettings settings) => "global::TorchSharp.Modules.LayerNorm";

        protected override string ConstructOf(LayerNormSettings settings) =>
            $"global::TorchSharp.torch.nn.LayerNorm({settings.Features}, eps: {Literals.Number(settings.Epsilon)})";

        protected override void EmitForward(CodeWriter writer, LayerPlan plan, LayerNormSettings settings, IReadOnlyList<string> inputs, string output) =>
            WriteModuleCall(writer, plan, inputs[0], output);
    }
}
