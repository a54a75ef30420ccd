using System.Collections.Generic;

namespace ModelDsl.Generator.Layers
{
    /// <summary>Dropout, active only while the module is in training mode.</summary>
    internal sealed class DropoutLayer : LayerDefinition<DropoutSettings>
    {
        public override string Kind => "Dropout";

        public override string NamePrefix => "dropout";

        public override bool KeepsMask(LayerSettings settings) => true;

        public override string Description => "Randomly zeroes a fraction of inputs while training.";

        public override IReadOnlyList<ParameterDefinition> Parameters { get; } = new[]
        {
            ParameterDefinition.Number("rate", 0.5, "Fraction of inputs to drop, in [0, 1)."),
        };

        public override LayerShape Infer(LayerContext context)
        {
            if (!context.RequireFraction("rate"))
                return LayerShape.Failed;
            return Result(context.Input, 0, new DropoutSettings(context.Number("rate")));
        }

    }
}
