using System.Collections.Generic;
using ModelDsl.Generator.Layers;

namespace ModelDsl.Generator.Emit.TorchSharp.Layers
{
    /// <summary>MaxPool/AvgPool as TorchSharp's functional pools.</summary>
    internal sealed class PoolingLowering : TorchSharpLowering<PoolingSettings>
    {
        protected override void EmitForward(CodeWriter writer, LayerPlan plan, PoolingSettings settings, IReadOnlyList<string> inputs, string output)
        {
            string function = (settings.Reduction == PoolingReduction.Max ? "max_pool" : "avg_pool") + (settings.SpatialRank == 1 ? "1d" : "2d");
            writer.Line($"var {output} = global::TorchSharp.torch.nn.functional.{function}({inputs[0]}, {settings.Pool}, {settings.Stride});");
        }
    }
}
