using System.Collections.Generic;

namespace ModelDsl.Generator.Layers
{
    /// <summary>
    /// Reduces (time, width) to (width): the last step, the mean over time, or the first token. Under a padding mask the
    /// mean and the last step count real tokens only.
    /// </summary>
    internal sealed class SequencePoolLayer : LayerDefinition<SequencePoolSettings>
    {
        public override string Kind => "SequencePool";

        public override string NamePrefix => "sequence_pool";

        public override string Description => "Reduces a sequence to one vector: last step, mean, or first token.";

        public override IReadOnlyList<ParameterDefinition> Parameters { get; } = new[]
        {
            ParameterDefinition.Choice("mode", "mean", "How to reduce the time axis.", "last", "mean", "first"),
        };

        public override LayerShape Infer(LayerContext context)
        {
            if (context.Input.Count != 2)
            {
                context.ReportShape("a 2-D input (time, width)");
                return LayerShape.Failed;
            }
            SequencePoolMode mode = context.Text("mode") switch
            {
                "last" => SequencePoolMode.Last,
                "first" => SequencePoolMode.First,
                _ => SequencePoolMode.Mean,
            };
            return Result(Shape.Of(context.Input[1]), 0, new SequencePoolSettings(mode, context.Input[0], context.Input[1]));
        }

        public override IEnumerable<string> DerivedNames(string layerName) => new[] { WeightsName(layerName), LastName(layerName) };

        /// <summary>The forward() local of a masked mean: the mask as 0/1 weights of shape (batch, time, 1).</summary>
        public static string WeightsName(string layerName) => layerName + "_weights";

        /// <summary>The forward() local of a masked last: each row's position of its last real token.</summary>
        public static string LastName(string layerName) => layerName + "_last";

    }
}
