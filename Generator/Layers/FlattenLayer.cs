using System.Collections.Generic;

namespace ModelDsl.Generator.Layers
{
    /// <summary>Flattens everything but the batch dimension.</summary>
    internal sealed class FlattenLayer : LayerDefinition<FlattenSettings>
    {
        public override string Kind => "Flatten";

        public override string NamePrefix => "flatten";

        public override string Description => "Flattens all non-batch dimensions into one.";

        public override IReadOnlyList<ParameterDefinition> Parameters { get; } = new ParameterDefinition[0];

        public override LayerShape Infer(LayerContext context)
        {
            long features = Shape.Elements(context.Input);
            return Result(Shape.Of(features), 0, new FlattenSettings(features));
        }
    }
}
