using System.Collections.Generic;

namespace ModelDsl.Generator.Layers
{
    /// <summary>Token embedding: (length) token ids → (length, dimensions). Makes the model's input integer token ids.</summary>
    internal sealed class EmbeddingLayer : LayerDefinition<EmbeddingSettings>
    {
        public override string Kind => "Embedding";

        public override string NamePrefix => "embedding";

        public override string Description => "Maps token ids to learned vectors; reads a token-id input.";

        public override bool ReadsTokens => true;

        public override IReadOnlyList<ParameterDefinition> Parameters { get; } = new[]
        {
            ParameterDefinition.RequiredSize("vocabulary", "Number of distinct token ids."),
            ParameterDefinition.RequiredSize("dimensions", "Size of each embedding vector."),
        };

        public override LayerShape Infer(LayerContext context)
        {
            if (context.Input.Count != 1)
            {
                context.Report(Diagnostics.EmbeddingNotFirst, context.LayerSpan, context.Name, Shape.Display(context.Input), context.Kind);
                return LayerShape.Failed;
            }
            long dimensions = context.Int("dimensions");
            long vocabulary = context.Int("vocabulary");
            return Result(Shape.Of(context.Input[0], dimensions), ParameterMath.Product(vocabulary, dimensions), new EmbeddingSettings(vocabulary, dimensions));
        }

    }
}
