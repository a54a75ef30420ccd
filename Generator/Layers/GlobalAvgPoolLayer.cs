using System.Collections.Generic;
using System.Linq;
using ModelDsl.Generator.Emit;

namespace ModelDsl.Generator.Layers
{
    /// <summary>Averages every spatial axis away: (channels, …) → (channels).</summary>
    internal sealed class GlobalAvgPoolLayer : LayerDefinition
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
            return new LayerShape(Shape.Of(context.Input[0]), 0);
        }

        public override void EmitForward(CodeWriter writer, LayerPlan plan)
        {
            string axes = string.Join(", ", Enumerable.Range(2, plan.Input.Count - 1).Select(a => a + "L"));
            writer.Line($"x = x.mean(new long[] {{ {axes} }});");
        }
    }
}
