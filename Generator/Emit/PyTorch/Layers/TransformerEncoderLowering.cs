using System.Collections.Generic;
using System.Linq;
using ModelDsl.Generator.Layers;
using ModelDsl.Generator.Spec;

namespace ModelDsl.Generator.Emit.PyTorch.Layers
{
    /// <summary>
    /// TransformerEncoder as nn.TransformerEncoder of nn.TransformerEncoderLayer, after a learned positional embedding that
    /// is a parameter of the model. The layers stay sequence-first, as TorchSharp's are, so both run the same kernels
    /// (PyTorch's batch-first inference fast path computes the same function in another order); forward() transposes.
    /// </summary>
    internal sealed class TransformerEncoderLowering : PyTorchLowering<TransformerEncoderSettings>
    {
        protected override string? ConstructOf(TransformerEncoderSettings settings) =>
            $"nn.TransformerEncoder(nn.TransformerEncoderLayer({settings.Width}, {settings.Heads}, {settings.FeedForward}, " +
            $"dropout={PythonLiterals.Number(settings.Dropout)}), {settings.Layers}, enable_nested_tensor=False)";

        public override IEnumerable<(string Name, EquatableArray<long> Shape)> ExtraParameters(LayerPlan plan)
        {
            var settings = (TransformerEncoderSettings)plan.Settings;
            yield return (TransformerEncoderLayer.PositionsName(plan.Name), Shape.Of(settings.Time, settings.Width));
        }

        public override bool ReadsMask(LayerPlan plan) => plan.InputMask.Length > 0;

        /// <remarks>Under a padding mask, the key-padding mask (true where a key is padding) keeps attention off padding.</remarks>
        protected override void EmitForward(PythonWriter writer, LayerPlan plan, TransformerEncoderSettings settings, IReadOnlyList<string> inputs, string output)
        {
            string positioned = $"{inputs[0]} + {PythonNames.Member(TransformerEncoderLayer.PositionsName(plan.Name))}";
            string padding = ReadsMask(plan) ? $", src_key_padding_mask={Names.MaskLocal(plan.InputMask)}.logical_not()" : "";
            writer.Line($"{output} = {PythonNames.Member(plan.Name)}(({positioned}).transpose(0, 1){padding}).transpose(0, 1)");
        }
    }
}
