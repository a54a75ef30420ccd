using System.Collections.Generic;
using System.Globalization;
using ModelDsl.Generator.Emit;

namespace ModelDsl.Generator.Layers
{
    /// <summary>Dropout, active only while the module is in training mode.</summary>
    internal sealed class DropoutLayer : LayerDefinition
    {
        public override string Kind => "Dropout";

        public override string NamePrefix => "dropout";

        public override string Description => "Randomly zeroes a fraction of inputs while training.";

        public override IReadOnlyList<ParameterDefinition> Parameters { get; } = new[]
        {
            ParameterDefinition.Number("rate", 0.5, "Fraction of inputs to drop, in [0, 1)."),
        };

        public override LayerShape Infer(LayerContext context)
        {
            if (!context.RequireFraction("rate"))
                return LayerShape.Failed;
            return new LayerShape(context.Input, 0);
        }

        public override void EmitForward(CodeWriter writer, LayerPlan plan) =>
            writer.Line($"x = global::TorchSharp.torch.nn.functional.dropout(x, {Emit.Literals.Number(plan.Number("rate"))}, training);");
    }
}
