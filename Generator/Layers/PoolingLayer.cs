using System.Collections.Generic;
using ModelDsl.Generator.Spec;

namespace ModelDsl.Generator.Layers
{
    /// <summary>Shared rule of MaxPool1D/2D and AvgPool1D/2D: a window sliding over the spatial axes, no parameters.</summary>
    internal abstract class PoolingLayer : LayerDefinition<PoolingSettings>
    {
        private readonly int _spatialRank;
        private readonly PoolingReduction _reduction;

        protected PoolingLayer(int spatialRank, PoolingReduction reduction)
        {
            _spatialRank = spatialRank;
            _reduction = reduction;
        }

        public override IReadOnlyList<ParameterDefinition> Parameters { get; } = new[]
        {
            ParameterDefinition.Integer("pool", 2, "Window size (square for 2-D)."),
            ParameterDefinition.Integer("stride", 0, "Stride; 0 means the window size."),
        };

        public override LayerShape Infer(LayerContext context)
        {
            if (context.Input.Count != _spatialRank + 1)
            {
                context.ReportShape(_spatialRank == 1 ? "a 2-D input (channels, length)" : "a 3-D input (channels, height, width)",
                    context.Input.Count == 1 ? "; pooling needs spatial axes" : "");
                return LayerShape.Failed;
            }
            if (!(context.RequireAtLeast("pool", 1) & context.RequireAtLeast("stride", 0)))
                return LayerShape.Failed;
            long pool = context.Int("pool");
            long stride = context.Int("stride") == 0 ? pool : context.Int("stride");
            if (!ConvolutionRule.WindowFits(context, pool, 0, "pool"))
                return LayerShape.Failed;
            var output = new List<long> { context.Input[0] };
            for (int axis = 1; axis < context.Input.Count; axis++)
                output.Add(ConvolutionRule.OutputLength(context.Input[axis], pool, stride, 0, 1));
            return Result(output.ToEquatableArray(), 0, new PoolingSettings(_reduction, _spatialRank, pool, stride));
        }

    }
}
