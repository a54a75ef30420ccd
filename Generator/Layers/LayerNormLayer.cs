using System.Collections.Generic;
using ModelDsl.Generator.Emit;

namespace ModelDsl.Generator.Layers
{
    /// <summary>Layer normalisation over the last axis.</summary>
    internal sealed class LayerNormLayer : LayerDefinition
    {
        public override string Kind => "LayerNorm";

        public override string NamePrefix => "layer_normalization";

        public override string Description => "Layer normalisation over the last axis.";

        public override IReadOnlyList<ParameterDefinition> Parameters { get; } = new[]
        {
            ParameterDefinition.Number("epsilon", 1e-5, "Added to the variance for stability."),
        };

        public override LayerShape Infer(LayerContext context) =>
            new(context.Input, ParameterMath.Product(2, context.Input[context.Input.Count - 1]));

        public override string? ModuleType(LayerPlan plan) => "global::TorchSharp.Modules.LayerNorm";

        public override string Construct(LayerPlan plan) =>
            $"global::TorchSharp.torch.nn.LayerNorm({plan.Input[plan.Input.Count - 1]}, eps: {Emit.Literals.Number(plan.Number("epsilon"))})";

        public override void EmitForward(CodeWriter writer, LayerPlan plan) => writer.Line($"x = {plan.Name}.call(x);");
    }
}
