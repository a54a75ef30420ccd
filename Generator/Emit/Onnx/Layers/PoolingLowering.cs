using System.Collections.Generic;
using System.Linq;
using ModelDsl.Generator.Layers;

namespace ModelDsl.Generator.Emit.Onnx.Layers
{
    /// <summary>MaxPool/AvgPool as <c>MaxPool</c>/<c>AveragePool</c>.</summary>
    internal sealed class PoolingLowering : OnnxLowering<PoolingSettings>
    {
        protected override string Method(LayerPlan plan, PoolingSettings settings, IReadOnlyList<string> inputs) =>
            $"Pool({Name(plan)}, {inputs[0]}, max: {Boolean(settings.Reduction == PoolingReduction.Max)}, spatialRank: {settings.SpatialRank}, " +
            $"pool: {Literals.Integer(settings.Pool)}, stride: {Literals.Integer(settings.Stride)})";
    }
}
