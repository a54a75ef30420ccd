using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ModelDsl.Generator.Spec;

namespace ModelDsl.Generator.Layers
{
    /// <summary>Reshapes the non-batch dimensions; one dimension may be -1 (inferred).</summary>
    internal sealed class ReshapeLayer : LayerDefinition<ReshapeSettings>
    {
        public override string Kind => "Reshape";

        public override string NamePrefix => "reshape";

        public override string Description => "Reshapes the non-batch dimensions (one may be -1).";

        public override IReadOnlyList<ParameterDefinition> Parameters { get; } = new[]
        {
            new ParameterDefinition("shape", ArgumentKind.IntegerList, null, "Target shape without the batch dimension."),
        };

        public override LayerShape Infer(LayerContext context)
        {
            EquatableArray<long> target = context.Ints("shape");
            long elements = Shape.Elements(context.Input);
            int inferred = -1;
            long known = 1;
            for (int i = 0; i < target.Count; i++)
            {
                if (target[i] == -1 && inferred < 0)
                    inferred = i;
                else if (target[i] < 1)
                {
                    context.Report(Diagnostics.InvalidArgument, context.SpanOf("shape"), "shape", context.Name,
                        "[" + string.Join(", ", target) + "]", "positive sizes and at most one -1");
                    return LayerShape.Failed;
                }
                else
                    known = ParameterMath.Product(known, target[i]);
            }
            bool fits = target.Count > 0 && known > 0 && (inferred >= 0 ? elements % known == 0 : known == elements);
            if (!fits)
            {
                context.Report(Diagnostics.ReshapeMismatch, context.SpanOf("shape"), context.Name, Shape.Display(context.Input),
                    elements.ToString(CultureInfo.InvariantCulture), "[" + string.Join(", ", target) + "]");
                return LayerShape.Failed;
            }
            long[] output = target.ToArray();
            if (inferred >= 0)
                output[inferred] = elements / known;
            EquatableArray<long> shape = output.ToEquatableArray();
            return Result(shape, 0, new ReshapeSettings(shape));
        }

    }
}
