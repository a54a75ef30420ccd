using System.Collections.Generic;
using ModelDsl.Generator.Emit;

namespace ModelDsl.Generator.Layers
{
    /// <summary>Flattens everything but the batch dimension.</summary>
    internal sealed class FlattenLayer : LayerDefinition
    {
        public override string Kind => "Flatten";

        public override string NamePrefix => "flatten";

        public override string Description => "Flattens all non-batch dimensions into one.";

        public override IReadOnlyList<ParameterDefinition> Parameters { get; } = new ParameterDefinition[0];

        public override LayerShape Infer(LayerContext context) => new(Shape.Of(Shape.Elements(context.Input)), 0);

        public override void EmitForward(CodeWriter writer, LayerPlan plan) => writer.Line("x = x.flatten(1);");
    }
}
