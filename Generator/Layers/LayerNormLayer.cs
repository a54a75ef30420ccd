using System.Collections.Generic;

namespace ModelDsl.Generator.Layers
{
    /// <summary>Layer normalisation over the last axis.</summary>
    internal sealed class LayerNormLayer : LayerDefinition<LayerNormSettings>
    {
        public override string Kind => "LayerNorm";

        public override string NamePrefix => "layer_normalization";

        public override bool KeepsMask(LayerSettings settings) => true;

        public override string Description => "Layer normalisation over the last axis.";

        public override IReadOnlyList<ParameterDefinition> Parameters { get; } = new[]
        {
            ParameterDefinition.Number("epsilon", 1e-5, "Added to the variance for stability."),
        };

        public override LayerShape Infer(LayerContext context)
        {
            long features = context.Input[context.Input.Count - 1];
            return Result(context.Input, ParameterMath.Product(2, features), new LayerNormSettings(features, context.Number("epsilon")));
        }

    }
}
