using System.Collections.Generic;
using System.Linq;
using ModelDsl.Generator.Layers;

namespace ModelDsl.Generator.Emit.Onnx.Layers
{
    /// <summary>
    /// SequencePool as <c>Gather</c> of the first or last step or <c>ReduceMean</c> over time; under a padding mask, the
    /// mean and the last step of the real tokens (<c>MaskedSequencePool</c>).
    /// </summary>
    internal sealed class SequencePoolLowering : OnnxLowering<SequencePoolSettings>
    {
        public override bool ReadsMask(LayerPlan plan) =>
            plan.InputMask.Length > 0 && ((SequencePoolSettings)plan.Settings).Mode != SequencePoolMode.First;

        protected override string Method(LayerPlan plan, SequencePoolSettings settings, IReadOnlyList<string> inputs) => ReadsMask(plan)
            ? $"MaskedSequencePool({Name(plan)}, {inputs[0]}, {Names.MaskLocal(plan.InputMask)}, global::ModelDsl.SequencePooling.{settings.Mode}, " +
              $"time: {Literals.Integer(settings.Time)}, width: {Literals.Integer(settings.Width)})"
            : $"SequencePool({Name(plan)}, {inputs[0]}, global::ModelDsl.SequencePooling.{settings.Mode}, time: {Literals.Integer(settings.Time)})";
    }
}
