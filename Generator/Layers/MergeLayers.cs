using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ModelDsl.Generator.Spec;

namespace ModelDsl.Generator.Layers
{
    /// <summary>Add and Multiply: element-wise over two or more inputs of exactly one shape (no broadcasting, which hides wiring mistakes).</summary>
    internal abstract class ElementwiseMergeLayer : LayerDefinition<MergeSettings>
    {
        public override int MinimumInputs => 2;

        public override int MaximumInputs => int.MaxValue;

        public override IReadOnlyList<ParameterDefinition> Parameters { get; } = System.Array.Empty<ParameterDefinition>();

        protected abstract MergeOperation Operation { get; }

        /// <summary>Position by position, so the inputs' padding mask (when they all carry the same one) still applies.</summary>
        public override bool KeepsMask(LayerSettings settings) => true;

        public override LayerShape Infer(LayerContext context)
        {
            for (int i = 1; i < context.Inputs.Count; i++)
            {
                if (context.Inputs[i] == context.Input)
                    continue;
                MergeRule.Report(context, i, "both inputs need the same shape (broadcasting is not applied)");
                return LayerShape.Failed;
            }
            return Result(context.Input, 0, new MergeSettings(Operation, context.Inputs.Count, -1));
        }
    }

    /// <summary>Element-wise sum: residual connections.</summary>
    internal sealed class AddLayer : ElementwiseMergeLayer
    {
        public override string Kind => "Add";

        public override string NamePrefix => "add";

        public override string Description => "Element-wise sum of two or more inputs of the same shape (residual connections).";

        protected override MergeOperation Operation => MergeOperation.Add;
    }

    /// <summary>Element-wise product: gating.</summary>
    internal sealed class MultiplyLayer : ElementwiseMergeLayer
    {
        public override string Kind => "Multiply";

        public override string NamePrefix => "multiply";

        public override string Description => "Element-wise product of two or more inputs of the same shape (gating).";

        protected override MergeOperation Operation => MergeOperation.Multiply;
    }

    /// <summary>Concatenation along one axis; every other dimension must agree.</summary>
    internal sealed class ConcatenateLayer : LayerDefinition<MergeSettings>
    {
        public override string Kind => "Concatenate";

        public override string NamePrefix => "concatenate";

        /// <summary>Joining along a feature axis keeps each position; joining along time (axis 0 after the batch) does not.</summary>
        public override bool KeepsMask(LayerSettings settings) => ((MergeSettings)settings).Dimension != 0;

        public override string Description => "Joins two or more inputs along an axis (Keras numbering: 0 is the batch, -1 the last); other dimensions must agree.";

        public override int MinimumInputs => 2;

        public override int MaximumInputs => int.MaxValue;

        public override IReadOnlyList<ParameterDefinition> Parameters { get; } = new[]
        {
            ParameterDefinition.Integer("axis", -1, "Axis to join along, counting the batch as 0; negative counts from the end."),
        };

        public override LayerShape Infer(LayerContext context)
        {
            int rank = context.Input.Count;
            long axis = context.Int("axis");
            // Keras counts the batch as axis 0: axis 1 is the first dimension of the declared shapes.
            long dimension = axis < 0 ? rank + axis : axis - 1;
            if (axis == 0 || dimension < 0 || dimension >= rank)
            {
                context.Report(Diagnostics.InvalidArgument, context.SpanOf("axis"), "axis", context.Name, axis.ToString(CultureInfo.InvariantCulture),
                    $"an axis of the {rank + 1}-D inputs other than the batch: 1..{rank} or -{rank}..-1");
                return LayerShape.Failed;
            }
            long joined = 0;
            for (int i = 0; i < context.Inputs.Count; i++)
            {
                EquatableArray<long> shape = context.Inputs[i];
                bool fits = shape.Count == rank && Enumerable.Range(0, rank).All(d => d == dimension || shape[d] == context.Input[d]);
                if (!fits)
                {
                    MergeRule.Report(context, i, shape.Count != rank
                        ? $"concatenated inputs need the same rank ({rank + 1}-D with the batch)"
                        : $"every dimension except axis {axis} must agree");
                    return LayerShape.Failed;
                }
                joined = ParameterMath.Sum(joined, shape[(int)dimension]);
            }
            var output = context.Input.ToArray();
            output[dimension] = joined;
            return Result(output.ToEquatableArray(), 0, new MergeSettings(MergeOperation.Concatenate, context.Inputs.Count, (int)dimension));
        }
    }

    internal static class MergeRule
    {
        /// <summary>Reports input <paramref name="index"/> disagreeing with the first, with both shapes and where they come from.</summary>
        public static void Report(LayerContext context, int index, string why) =>
            context.Report(Diagnostics.MergeShapeMismatch, context.LayerSpan, context.Name, context.Kind,
                Shape.Display(context.Input), context.InputNames[0], Shape.Display(context.Inputs[index]), context.InputNames[index], why);
    }
}
