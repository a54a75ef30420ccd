using System.Collections.Generic;
using ModelDsl.Generator.Layers;

namespace ModelDsl.Generator.Emit.Onnx.Layers
{
    /// <summary>BertEncoder as Gather/MatMul/Softmax/LayerNormalization/Erf nodes (<c>BertEncoder</c> of the builder), masked when the input has a padding id.</summary>
    internal sealed class BertEncoderLowering : OnnxLowering<BertEncoderSettings>
    {
        public override bool ReadsMask(LayerPlan plan) => plan.InputMask.Length > 0;

        protected override string Method(LayerPlan plan, BertEncoderSettings settings, IReadOnlyList<string> inputs) =>
            $"BertEncoder({Name(plan)}, {inputs[0]}, {(ReadsMask(plan) ? Names.MaskLocal(plan.InputMask) : "null")}, heads: {Literals.Integer(settings.Heads)}, " +
            $"layers: {Literals.Integer(settings.Layers)}, time: {Literals.Integer(settings.Length)}, layerNormEps: {Literals.Number(settings.LayerNormEps)})";
    }
}
