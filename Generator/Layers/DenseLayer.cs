using System.Collections.Generic;
using ModelDsl.Generator.Emit;

namespace ModelDsl.Generator.Layers
{
    /// <summary>Dense (PyTorch Linear) on a 1-D input.</summary>
    internal sealed class DenseLayer : LayerDefinition
    {
        public override string Kind => "Dense";

        public override string NamePrefix => "dense";

        public override string Description => "Fully connected layer on a 1-D input.";

        public override IReadOnlyList<ParameterDefinition> Parameters { get; } = new[]
        {
            ParameterDefinition.RequiredSize("units", "Number of outputs."),
            ParameterDefinition.Boolean("use_bias", true, "Whether the layer has a bias."),
            Activations.Parameter,
        };

        public override LayerShape Infer(LayerContext context)
        {
            if (context.Input.Count != 1)
            {
                bool multiDimensional = context.Input.Count > 1;
                context.ReportShape("a 1-D input (features)", multiDimensional ? $"; add {context.Written("Flatten")} (or a pooling layer) before it" : "",
                    flattenFixes: multiDimensional);
                return LayerShape.Failed;
            }
            long units = context.Int("units");
            long parameters = ParameterMath.Sum(ParameterMath.Product(context.Input[0], units), context.Bool("use_bias") ? units : 0);
            return new LayerShape(Shape.Of(units), parameters);
        }

        public override string? ModuleType(LayerPlan plan) => "global::TorchSharp.Modules.Linear";

        public override string Construct(LayerPlan plan) =>
            $"global::TorchSharp.torch.nn.Linear({plan.Input[0]}, {plan.Int("units")}{(plan.Bool("use_bias") ? "" : ", hasBias: false")})";

        public override void EmitForward(CodeWriter writer, LayerPlan plan)
        {
            writer.Line($"x = {plan.Name}.call(x);");
            Activations.Emit(writer, plan.ForwardActivation);
        }
    }
}
