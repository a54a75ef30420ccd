using System.Collections.Generic;
using ModelDsl.Generator.Emit;

namespace ModelDsl.Generator.Layers
{
    /// <summary>Token embedding: (length) token ids → (length, dimensions). Makes the model's input integer token ids.</summary>
    internal sealed class EmbeddingLayer : LayerDefinition
    {
        public override string Kind => "Embedding";

        public override string NamePrefix => "embedding";

        public override string Description => "Maps token ids to learned vectors; must be the first layer.";

        public override IReadOnlyList<ParameterDefinition> Parameters { get; } = new[]
        {
            ParameterDefinition.RequiredSize("vocabulary", "Number of distinct token ids."),
            ParameterDefinition.RequiredSize("dimensions", "Size of each embedding vector."),
        };

        public override LayerShape Infer(LayerContext context)
        {
            if (context.Input.Count != 1)
            {
                context.Report(Diagnostics.EmbeddingNotFirst, context.LayerSpan, context.Name, Shape.Display(context.Input));
                return LayerShape.Failed;
            }
            long dimensions = context.Int("dimensions");
            return new LayerShape(Shape.Of(context.Input[0], dimensions), ParameterMath.Product(context.Int("vocabulary"), dimensions));
        }

        public override string? ModuleType(LayerPlan plan) => "global::TorchSharp.Modules.Embedding";

        public override string Construct(LayerPlan plan) =>
            $"global::TorchSharp.torch.nn.Embedding({plan.Int("vocabulary")}, {plan.Int("dimensions")})";

        public override void EmitForward(CodeWriter writer, LayerPlan plan) => writer.Line($"x = {plan.Name}.call(x);");
    }
}
