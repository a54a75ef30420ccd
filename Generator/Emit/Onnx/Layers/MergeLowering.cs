using System.Collections.Generic;
using System.Linq;
using ModelDsl.Generator.Layers;

namespace ModelDsl.Generator.Emit.Onnx.Layers
{
    /// <summary>Add/Multiply as chained <c>Add</c>/<c>Mul</c>, Concatenate as <c>Concat</c> (the batch is axis 0).</summary>
    internal sealed class MergeLowering : OnnxLowering<MergeSettings>
    {
        protected override string Method(LayerPlan plan, MergeSettings settings, IReadOnlyList<string> inputs) =>
            settings.Operation switch
            {
                MergeOperation.Add => $"Add({Name(plan)}, {string.Join(", ", inputs)})",
                MergeOperation.Multiply => $"Multiply({Name(plan)}, {string.Join(", ", inputs)})",
                _ => $"Concatenate({Name(plan)}, {Literals.Integer(settings.Dimension + 1)}, {string.Join(", ", inputs)})",
            };
    }
}
