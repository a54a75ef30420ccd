using System.Collections.Generic;

namespace ModelDsl.Generator.Layers
{
    /// <summary>Batch normalisation over the channel axis (BatchNorm1d for 1-D/2-D inputs, BatchNorm2d for 3-D).</summary>
    internal sealed class BatchNormLayer : LayerDefinition<BatchNormSettings>
    {
        public override string Kind => "BatchNorm";

        public override string NamePrefix => "batch_normalization";

        public override string Description => "Batch normalisation over channels (features for 1-D inputs).";

        public override IReadOnlyList<ParameterDefinition> Parameters { get; } = new[]
        {
            ParameterDefinition.Number("momentum", 0.1, "Running-statistics momentum (PyTorch convention)."),
            ParameterDefinition.Number("epsilon", 1e-5, "Added to the variance for stability."),
        };

        public override LayerShape Infer(LayerContext context)
        {
            if (context.Input.Count is < 1 or > 3)
            {
                context.ReportShape("a 1-D, 2-D or 3-D input");
                return LayerShape.Failed;
            }
            return Result(context.Input, ParameterMath.Product(2, context.Input[0]),
                new BatchNormSettings(context.Input[0], context.Input.Count - 1, context.Number("momentum"), context.Number("epsilon")));
        }

    }
}
