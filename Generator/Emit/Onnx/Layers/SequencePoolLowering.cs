using System.Collections.Generic;
using System.Linq;
using ModelDsl.Generator.Layers;

namespace ModelDsl.Generator.Emit.Onnx.Layers
{
    /// <summary>SequencePool as <c>Gather</c> of the first or last step or <c>ReduceMean</c> over time.</summary>
    internal sealed class SequencePoolLowering : OnnxLowering<SequencePoolSettings>
    {
        protected override string Method(LayerPlan plan, SequencePoolSettings settings, IReadOnlyList<string> inputs) =>
            $"SequencePool({Name(plan)}, {inputs[0]}, global::ModelDsl.SequencePooling.{settings.Mode}, time: {Literals.Integer(settings.Time)})";
    }
}
