using System.Collections.Generic;
using System.Globalization;
using ModelDsl.Generator.Spec;

namespace ModelDsl.Generator.Layers
{
    /// <summary>A stack of Transformer encoder layers over (time, width), with a learned positional embedding added first.</summary>
    internal sealed class TransformerEncoderLayer : LayerDefinition<TransformerEncoderSettings>
    {
        public override string Kind => "TransformerEncoder";

        public override string NamePrefix => "transformer_encoder";

        public override bool KeepsMask(LayerSettings settings) => true;

        public override string Description => "Transformer encoder layers with a learned positional embedding, over (time, width).";

        public override IReadOnlyList<ParameterDefinition> Parameters { get; } = new[]
        {
            ParameterDefinition.Integer("layers", 2, "Number of encoder layers.") with { Minimum = 1, Maximum = ParameterDefinition.MaxCount },
            ParameterDefinition.Integer("heads", 4, "Attention heads; must divide the width.") with { Minimum = 1, Maximum = ParameterDefinition.MaxCount },
            ParameterDefinition.Integer("feed_forward", 0, "Hidden size of each feed-forward block; 0 means 4 × width.") with { Maximum = ParameterDefinition.MaxSize },
            ParameterDefinition.Number("dropout", 0.1, "Dropout inside each encoder layer, in [0, 1)."),
        };

        public override LayerShape Infer(LayerContext context)
        {
            if (context.Input.Count != 2)
            {
                context.ReportShape("a 2-D input (time, width)", context.Input.Count == 1 ? "; add an Embedding first" : "");
                return LayerShape.Failed;
            }
            if (!(context.RequireAtLeast("feed_forward", 0)))
                return LayerShape.Failed;
            if (!context.RequireFraction("dropout"))
                return LayerShape.Failed;
            long time = context.Input[0], width = context.Input[1], heads = context.Int("heads");
            if (width % heads != 0)
            {
                context.Report(Diagnostics.HeadsDoNotDivide, context.SpanOf("heads"), context.Name,
                    heads.ToString(CultureInfo.InvariantCulture), width.ToString(CultureInfo.InvariantCulture));
                return LayerShape.Failed;
            }
            long feedForward = FeedForward(context.Int("feed_forward"), width);
            // Per layer: attention in/out projections 4w²+4w, feed-forward 2·w·ff + ff + w, two LayerNorms 4w.
            long perLayer = ParameterMath.Sum(ParameterMath.Product(4, width, width), ParameterMath.Product(2, width, feedForward),
                feedForward, ParameterMath.Product(9, width));
            long parameters = ParameterMath.Sum(ParameterMath.Product(time, width), ParameterMath.Product(context.Int("layers"), perLayer));
            return Result(context.Input, parameters,
                new TransformerEncoderSettings(time, width, heads, feedForward, context.Int("layers"), context.Number("dropout")));
        }

        public override IEnumerable<string> DerivedNames(string layerName) => new[] { PositionsName(layerName) };

        /// <summary>
        /// The learned positional embedding's parameter, registered on the model itself: its field and state-dict key,
        /// the same name in every target and checkpoint.
        /// </summary>
        public static string PositionsName(string layerName) => layerName + "_positions";

        private static long FeedForward(long declared, long width) => declared == 0 ? 4 * width : declared;
    }
}
