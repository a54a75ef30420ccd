using System.Collections.Generic;
using ModelDsl.Generator.Layers;

namespace ModelDsl.Generator.Emit.TorchSharp.Layers
{
    /// <summary>
    /// BertEncoder as the runtime's <c>ModelDsl.Layers.BertEncoder</c> (Hugging Face's parameter names under the layer's
    /// field), called on the token ids and their padding mask (true at real tokens); a token input without a padding id
    /// passes a mask of all real tokens.
    /// </summary>
    internal sealed class BertEncoderLowering : TorchSharpLowering<BertEncoderSettings>
    {
        protected override string? ModuleTypeOf(BertEncoderSettings settings) => "global::ModelDsl.Layers.BertEncoder";

        protected override string ConstructOf(BertEncoderSettings settings) =>
            "new global::ModelDsl.Layers.BertEncoder(\"BertEncoder\", new global::ModelDsl.Layers.BertEncoderOptions(" +
            $"{Literals.Integer(settings.Layers)}, {Literals.Integer(settings.Hidden)}, {Literals.Integer(settings.Heads)}, " +
            $"{Literals.Integer(settings.Intermediate)}, {Literals.Integer(settings.MaxPositions)}, {Literals.Integer(settings.Vocabulary)}, " +
            $"LayerNormEps: {Literals.Number(settings.LayerNormEps)}, Dropout: {Literals.Number(settings.Dropout)}))";

        public override bool ReadsMask(LayerPlan plan) => plan.InputMask.Length > 0;

        protected override void EmitForward(CodeWriter writer, LayerPlan plan, BertEncoderSettings settings, IReadOnlyList<string> inputs, string output)
        {
            string mask = ReadsMask(plan) ? Names.MaskLocal(plan.InputMask)
                : $"global::TorchSharp.torch.ones_like({inputs[0]}, dtype: global::TorchSharp.torch.@bool)";
            writer.Line($"var {output} = this.{plan.Name}.call({inputs[0]}, {mask});");
        }
    }
}
