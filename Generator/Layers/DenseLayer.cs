using System.Collections.Generic;

namespace ModelDsl.Generator.Layers
{
    /// <summary>Dense (PyTorch Linear) on a 1-D input.</summary>
    internal sealed class DenseLayer : LayerDefinition<DenseSettings>
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
            return Result(Shape.Of(units), parameters, new DenseSettings(context.Input[0], units, context.Bool("use_bias"), context.Text("activation")));
        }

    }
}
