using System.Collections.Generic;
using ModelDsl.Generator.Layers;
using ModelDsl.Generator.Spec;

namespace ModelDsl.Generator.Emit.TorchSharp.Layers
{
    /// <summary>
    /// TransformerEncoder as TorchSharp's TransformerEncoder of TransformerEncoderLayers, with the positional embedding a
    /// parameter of the model. TorchSharp's encoder is sequence-first, so forward() transposes around it.
    /// </summary>
    internal sealed class TransformerEncoderLowering : TorchSharpLowering<TransformerEncoderSettings>
    {
        protected override string? ModuleTypeOf(TransformerEncoderSettings settings) => "global::TorchSharp.Modules.TransformerEncoder";

        protected override string ConstructOf(TransformerEncoderSettings settings) =>
            "global::TorchSharp.torch.nn.TransformerEncoder(global::TorchSharp.torch.nn.TransformerEncoderLayer(" +
            $"{settings.Width}, {settings.Heads}, {settings.FeedForward}, {Literals.Number(settings.Dropout)}), {settings.Layers})";

        public override IEnumerable<(string Field, EquatableArray<long> Shape)> ExtraParameters(LayerPlan plan)
        {
            var settings = (TransformerEncoderSettings)plan.Settings;
            yield return (TransformerEncoderLayer.PositionsName(plan.Name), Shape.Of(settings.Time, settings.Width));
        }

        public override bool ReadsMask(LayerPlan plan) => plan.InputMask.Length > 0;

        /// <remarks>
        /// Under a padding mask, TorchSharp's key-padding mask (the third argument; true where a key is padding) keeps every
        /// position from attending to padding; the attention mask (the second) stays unset.
        /// </remarks>
        protected override void EmitForward(CodeWriter writer, LayerPlan plan, TransformerEncoderSettings settings, IReadOnlyList<string> inputs, string output)
        {
            string positioned = $"({inputs[0]} + this.{TransformerEncoderLayer.PositionsName(plan.Name)})";
            string padding = ReadsMask(plan) ? $", null!, {Names.MaskLocal(plan.InputMask)}.logical_not()" : "";
            writer.Line($"var {output} = this.{plan.Name}.call({positioned}.transpose(0, 1){padding}).transpose(0, 1);");
        }
    }
}
