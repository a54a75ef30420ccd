using System.Collections.Generic;
using System.Globalization;
using ModelDsl.Generator.Emit;
using ModelDsl.Generator.Spec;

namespace ModelDsl.Generator.Layers
{
    /// <summary>Shared rule of LSTM and GRU over (time, features), batch-first, returning every step or the last one.</summary>
    internal abstract class RecurrentLayer : LayerDefinition
    {
        /// <summary>Weight sets per cell: 4 for LSTM (input, forget, cell, output), 3 for GRU.</summary>
        protected abstract int Gates { get; }

        protected abstract string TypeName { get; }

        public override IReadOnlyList<ParameterDefinition> Parameters { get; } = new[]
        {
            ParameterDefinition.RequiredSize("units", "Hidden size."),
            ParameterDefinition.Integer("layers", 1, "Stacked recurrent layers.") with { Minimum = 1, Maximum = ParameterDefinition.MaxCount },
            ParameterDefinition.Boolean("bidirectional", false, "Also run backwards and concatenate."),
            ParameterDefinition.Boolean("return_sequences", false, "Return every time step (time, units) instead of the last (units)."),
            ParameterDefinition.Number("dropout", 0, "Dropout between stacked layers, in [0, 1)."),
        };

        public override LayerShape Infer(LayerContext context)
        {
            if (context.Input.Count != 2)
            {
                context.ReportShape("a 2-D input (time, features)",
                    context.Input.Count == 1 ? "; add an Embedding (token ids) or a Reshape to (time, features) first"
                    : context.Input.Count == 3 ? "; flatten the spatial axes into features first" : "");
                return LayerShape.Failed;
            }
            if (!context.RequireFraction("dropout"))
                return LayerShape.Failed;

            long hidden = context.Int("units");
            long directions = context.Bool("bidirectional") ? 2 : 1;
            long parameters = 0;
            long input = context.Input[1];
            for (long layer = 0; layer < context.Int("layers"); layer++)
            {
                // Per direction: W_ih (gates*h × in), W_hh (gates*h × h), and two bias vectors, as PyTorch counts them.
                long perDirection = ParameterMath.Sum(
                    ParameterMath.Product(Gates, hidden, ParameterMath.Sum(input, hidden)), ParameterMath.Product(2, Gates, hidden));
                parameters = ParameterMath.Sum(parameters, ParameterMath.Product(directions, perDirection));
                input = hidden * directions;
            }

            long width = hidden * directions;
            var output = context.Bool("return_sequences") ? Shape.Of(context.Input[0], width) : Shape.Of(width);
            return new LayerShape(output, parameters);
        }

        public override string? ModuleType(LayerPlan plan) => "global::TorchSharp.Modules." + TypeName;

        public override string Construct(LayerPlan plan) =>
            $"global::TorchSharp.torch.nn.{TypeName}({plan.Input[1]}, {plan.Int("units")}, numLayers: {plan.Int("layers")}, batchFirst: true" +
            $", dropout: {Emit.Literals.Number(plan.Number("dropout"))}, bidirectional: {(plan.Bool("bidirectional") ? "true" : "false")})";

        public override IEnumerable<string> DerivedNames(string layerName) => new[] { SequenceLocal(layerName), FinalLocal(layerName) };

        private static string SequenceLocal(string layerName) => layerName + "_sequence";

        private static string FinalLocal(string layerName) => layerName + "_final";

        public override void EmitForward(CodeWriter writer, LayerPlan plan)
        {
            string sequence = SequenceLocal(plan.Name), final = FinalLocal(plan.Name);
            writer.Line(Gates == 4
                ? $"var ({sequence}, {final}, _) = {plan.Name}.call(x);"
                : $"var ({sequence}, {final}) = {plan.Name}.call(x);");
            if (plan.Bool("return_sequences"))
            {
                writer.Line($"x = {sequence};");
                return;
            }
            // The final hidden state of the last layer (both directions when bidirectional): what Keras returns.
            long states = plan.Int("layers") * (plan.Bool("bidirectional") ? 2 : 1);
            writer.Line(plan.Bool("bidirectional")
                ? $"x = global::TorchSharp.torch.cat(new[] {{ {final}.select(0, {states - 2}), {final}.select(0, {states - 1}) }}, 1);"
                : $"x = {final}.select(0, {states - 1});");
        }
    }

    /// <summary>LSTM over (time, features).</summary>
    internal sealed class LstmLayer : RecurrentLayer
    {
        public override string Kind => "LSTM";

        public override string NamePrefix => "lstm";

        public override string Description => "Long short-term memory over (time, features).";

        protected override int Gates => 4;

        protected override string TypeName => "LSTM";
    }

    /// <summary>GRU over (time, features).</summary>
    internal sealed class GruLayer : RecurrentLayer
    {
        public override string Kind => "GRU";

        public override string NamePrefix => "gru";

        public override string Description => "Gated recurrent unit over (time, features).";

        protected override int Gates => 3;

        protected override string TypeName => "GRU";
    }
}
