using System.Collections.Generic;
using System.Linq;
using ModelDsl.Generator.Layers;

namespace ModelDsl.Generator.Emit.Onnx.Layers
{
    /// <summary>TransformerEncoder as MatMul/Softmax/LayerNormalization nodes per encoder layer, after the positional embedding.</summary>
    internal sealed class TransformerEncoderLowering : OnnxLowering<TransformerEncoderSettings>
    {
        public override bool ReadsMask(LayerPlan plan) => plan.InputMask.Length > 0;

        protected override string Method(LayerPlan plan, TransformerEncoderSettings settings, IReadOnlyList<string> inputs) =>
            $"TransformerEncoder({Name(plan)}, {inputs[0]}, positions: {Literals.String(TransformerEncoderLayer.PositionsName(plan.Name))}, " +
            $"heads: {Literals.Integer(settings.Heads)}, layers: {Literals.Integer(settings.Layers)}" +
            (ReadsMask(plan) ? $", mask: {Names.MaskLocal(plan.InputMask)})" : ")");
    }
}
