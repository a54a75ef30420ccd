using System.Collections.Generic;
using ModelDsl.Generator.Spec;

namespace ModelDsl.Generator.Layers
{
    /// <summary>Shared rule of LSTM and GRU over (time, features), batch-first, returning every step or the last one.</summary>
    internal abstract class RecurrentLayer : LayerDefinition<RecurrentSettings>
    {
        protected abstract RecurrentCell Cell { get; }

        /// <summary>Weight sets per cell: 4 for LSTM (input, forget, cell, output), 3 for GRU.</summary>
        private int Gates => Cell == RecurrentCell.Lstm ? 4 : 3;

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
            return Result(output, parameters, new RecurrentSettings(Cell, context.Input[1], hidden, context.Int("layers"),
                context.Bool("bidirectional"), context.Bool("return_sequences"), context.Number("dropout")));
        }

        public override IEnumerable<string> DerivedNames(string layerName) => new[] { SequenceLocal(layerName), FinalLocal(layerName) };

        /// <summary>The local forward() keeps the layer's per-step output in (reserved by <see cref="DerivedNames"/>).</summary>
        public static string SequenceLocal(string layerName) => layerName + "_sequence";

        /// <summary>The local forward() keeps the layer's final hidden states in (reserved by <see cref="DerivedNames"/>).</summary>
        public static string FinalLocal(string layerName) => layerName + "_final";
    }

    /// <summary>LSTM over (time, features).</summary>
    internal sealed class LstmLayer : RecurrentLayer
    {
        public override string Kind => "LSTM";

        public override string NamePrefix => "lstm";

        public override string Description => "Long short-term memory over (time, features).";

        protected override RecurrentCell Cell => RecurrentCell.Lstm;
    }

    /// <summary>GRU over (time, features).</summary>
    internal sealed class GruLayer : RecurrentLayer
    {
        public override string Kind => "GRU";

        public override string NamePrefix => "gru";

        public override string Description => "Gated recurrent unit over (time, features).";

        protected override RecurrentCell Cell => RecurrentCell.Gru;
    }
}
