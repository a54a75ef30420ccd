using System.Collections.Generic;
using System.Linq;
using ModelDsl.Generator.Layers;
using ModelDsl.Generator.Spec;

namespace ModelDsl.Generator.Emit.PyTorch.Layers
{
    /// <summary>BatchNorm as nn.BatchNorm1d (features, or channels × length) or nn.BatchNorm2d (channels × height × width).</summary>
    internal sealed class BatchNormLowering : PyTorchLowering<BatchNormSettings>
    {
        protected override string? ConstructOf(BatchNormSettings settings)
        {
            // Only what differs from PyTorch's defaults (eps 1e-5, momentum 0.1).
            string eps = settings.Epsilon == 1e-5 ? "" : $", eps={PythonLiterals.Number(settings.Epsilon)}";
            string momentum = settings.Momentum == 0.1 ? "" : $", momentum={PythonLiterals.Number(settings.Momentum)}";
            return $"nn.{(settings.SpatialRank == 2 ? "BatchNorm2d" : "BatchNorm1d")}({settings.Features}{eps}{momentum})";
        }

        protected override void EmitForward(PythonWriter writer, LayerPlan plan, BatchNormSettings settings, IReadOnlyList<string> inputs, string output) =>
            WriteModuleCall(writer, plan, inputs[0], output);
    }
}
