using System.Collections.Generic;
using System.Globalization;
using ModelDsl.Generator.Emit;
using ModelDsl.Generator.Spec;

namespace ModelDsl.Generator.Layers
{
    /// <summary>
    /// A stack of Transformer encoder layers over (time, width), with a learned positional embedding added first.
    /// TorchSharp's encoder is sequence-first, so forward() transposes around it.
    /// </summary>
    internal sealed class TransformerEncoderLayer : LayerDefinition
    {
        public override string Kind => "TransformerEncoder";

        public override string NamePrefix => "transformer_encoder";

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
            return new LayerShape(context.Input, parameters);
        }

        public override string? ModuleType(LayerPlan plan) => "global::TorchSharp.Modules.TransformerEncoder";

        public override string Construct(LayerPlan plan) =>
            "global::TorchSharp.torch.nn.TransformerEncoder(global::TorchSharp.torch.nn.TransformerEncoderLayer(" +
            $"{plan.Input[1]}, {plan.Int("heads")}, {FeedForward(plan.Int("feed_forward"), plan.Input[1])}, " +
            $"{Emit.Literals.Number(plan.Number("dropout"))}), {plan.Int("layers")})";

        public override IEnumerable<(string Field, EquatableArray<long> Shape)> ExtraParameters(LayerPlan plan)
        {
            yield return (PositionsField(plan), Shape.Of(plan.Input[0], plan.Input[1]));
        }

        public override void EmitForward(CodeWriter writer, LayerPlan plan)
        {
            writer.Line($"x = x + {PositionsField(plan)};");
            writer.Line($"x = {plan.Name}.call(x.transpose(0, 1)).transpose(0, 1);");
        }

        private static string PositionsField(LayerPlan plan) => PositionsField(plan.Name);

        private static string PositionsField(string layerName) => layerName + "_positions";

        public override IEnumerable<string> DerivedNames(string layerName) => new[] { PositionsField(layerName) };

        private static long FeedForward(long declared, long width) => declared == 0 ? 4 * width : declared;
    }
}
