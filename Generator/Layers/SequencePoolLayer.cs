using System.Collections.Generic;
using ModelDsl.Generator.Emit;

namespace ModelDsl.Generator.Layers
{
    /// <summary>Reduces (time, width) to (width): the last step, the mean over time, or the first token.</summary>
    internal sealed class SequencePoolLayer : LayerDefinition
    {
        public override string Kind => "SequencePool";

        public override string NamePrefix => "sequence_pool";

        public override string Description => "Reduces a sequence to one vector: last step, mean, or first token.";

        public override IReadOnlyList<ParameterDefinition> Parameters { get; } = new[]
        {
            ParameterDefinition.Choice("mode", "mean", "How to reduce the time axis.", "last", "mean", "first"),
        };

        public override LayerShape Infer(LayerContext context)
        {
            if (context.Input.Count != 2)
            {
                context.ReportShape("a 2-D input (time, width)");
                return LayerShape.Failed;
            }
            return new LayerShape(Shape.Of(context.Input[1]), 0);
        }

        public override void EmitForward(CodeWriter writer, LayerPlan plan) => writer.Line(plan.Text("mode") switch
        {
            "last" => $"x = x.select(1, {plan.Input[0] - 1});",
            "first" => "x = x.select(1, 0);",
            _ => "x = x.mean(new long[] { 1L });",
        });
    }
}
