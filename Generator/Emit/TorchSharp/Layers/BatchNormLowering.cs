using System.Collections.Generic;
using ModelDsl.Generator.Layers;

namespace ModelDsl.Generator.Emit.TorchSharp.Layers
{
    /// <summary>BatchNorm as BatchNorm1d (features, or channels × length) or BatchNorm2d (channels × height × width).</summary>
    internal sealed class BatchNormLowering : TorchSharpLowering<BatchNormSettings>
    {
        protected override string? ModuleTypeOf(BatchNormSettings settings) => "global::TorchSharp.Modules." + TypeName(settings);

        protected override string ConstructOf(BatchNormSettings settings) =>
            $"global::TorchSharp.torch.nn.{TypeName(settings)}({settings.Features}, eps: {Literals.Number(settings.Epsilon)}, momentum: {Literals.Number(settings.Momentum)})";

        protected override void EmitForward(CodeWriter writer, LayerPlan plan, BatchNormSettings settings, IReadOnlyList<string> inputs, string output) =>
            WriteModuleCall(writer, plan, inputs[0], output);

        private static string TypeName(BatchNormSettings settings) => settings.SpatialRank == 2 ? "BatchNorm2d" : "BatchNorm1d";
    }
}
