using System.Collections.Generic;
using System.Linq;
using ModelDsl.Generator.Layers;
using ModelDsl.Generator.Spec;

namespace ModelDsl.Generator.Emit.PyTorch.Layers
{
    /// <summary>MaxPool/AvgPool as the functional pools, with the resolved stride.</summary>
    internal sealed class PoolingLowering : PyTorchLowering<PoolingSettings>
    {
        protected override void EmitForward(PythonWriter writer, LayerPlan plan, PoolingSettings settings, IReadOnlyList<string> inputs, string output)
        {
            string function = (settings.Reduction == PoolingReduction.Max ? "max_pool" : "avg_pool") + (settings.SpatialRank == 1 ? "1d" : "2d");
            writer.Line($"{output} = F.{function}({inputs[0]}, {settings.Pool}, stride={settings.Stride})");
        }
    }
}
