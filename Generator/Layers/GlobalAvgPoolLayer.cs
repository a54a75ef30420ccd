using System.Collections.Generic;

namespace ModelDsl.Generator.Layers
{
    /// <summary>Averages every spatial axis away: (channels, …) → (channels).</summary>
    internal sealed class GlobalAvgPoolLayer : LayerDefinition<GlobalAvgPoolSettings>
    {
        public override string Kind => "GlobalAvgPool";

        public override string NamePrefix => "global_average_pooling";

        public override string Description => "Mean over all spatial axes of a 2-D or 3-D feature map.";

        public override IReadOnlyList<ParameterDefinition> Parameters { get; } = new ParameterDefinition[0];

        public override LayerShape Infer(LayerContext context)
        {
            if (context.Input.Count < 2)
            {
                context.ReportShape("an input with spatial axes (channels, length) or (channels, height, width)");
                return LayerShape.Failed;
            }
            return Result(Shape.Of(context.Input[0]), 0, new GlobalAvgPoolSettings(context.Input[0], context.Input.Count - 1));
        }

    }
}
