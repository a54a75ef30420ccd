using System.Collections.Generic;
using ModelDsl.Generator.Layers;

namespace ModelDsl.Generator.Emit.PyTorch.Layers
{
    /// <summary>
    /// SequencePool as the first or last step, or a mean over time; under a padding mask, the mean and the last step of
    /// the real tokens only, computed as the TorchSharp lowering does.
    /// </summary>
    internal sealed class SequencePoolLowering : PyTorchLowering<SequencePoolSettings>
    {
        public override bool ReadsMask(LayerPlan plan) =>
            plan.InputMask.Length > 0 && ((SequencePoolSettings)plan.Settings).Mode != SequencePoolMode.First;

        protected override void EmitForward(PythonWriter writer, LayerPlan plan, SequencePoolSettings settings, IReadOnlyList<string> inputs, string output)
        {
            if (!ReadsMask(plan))
            {
                writer.Line(settings.Mode switch
                {
                    SequencePoolMode.Last => $"{output} = {inputs[0]}[:, -1]",
                    SequencePoolMode.First => $"{output} = {inputs[0]}[:, 0]",
                    _ => $"{output} = {inputs[0]}.mean(dim=1)",
                });
                return;
            }
            string mask = Names.MaskLocal(plan.InputMask);
            if (settings.Mode == SequencePoolMode.Mean)
            {
                string weights = SequencePoolLayer.WeightsName(plan.Name);
                writer.Line($"{weights} = {mask}.unsqueeze(-1).to({inputs[0]}.dtype)");
                writer.Line($"{output} = ({inputs[0]} * {weights}).sum(dim=1) / {weights}.sum(dim=1).clamp_min(1.0)");
            }
            else
            {
                string last = SequencePoolLayer.LastName(plan.Name);
                writer.Line($"{last} = ({mask}.long() * torch.arange({settings.Time}, device={mask}.device)).argmax(dim=1, keepdim=True)");
                writer.Line($"{output} = {inputs[0]}.gather(1, {last}.unsqueeze(-1).expand(-1, 1, {settings.Width})).squeeze(1)");
            }
        }
    }
}
