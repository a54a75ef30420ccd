using System.Collections.Generic;
using ModelDsl.Generator.Layers;

namespace ModelDsl.Generator.Emit.TorchSharp.Layers
{
    /// <summary>
    /// SequencePool as a select of the first or last step, or a mean over time. Under a padding mask (true at real tokens)
    /// the mean is sum(x·m) / count(m) (at least 1, so a row of padding only gives zeros rather than NaN) and the last step
    /// is each row's last real token, found as the largest real position and gathered.
    /// </summary>
    internal sealed class SequencePoolLowering : TorchSharpLowering<SequencePoolSettings>
    {
        public override bool ReadsMask(LayerPlan plan) =>
            plan.InputMask.Length > 0 && ((SequencePoolSettings)plan.Settings).Mode != SequencePoolMode.First;

        protected override void EmitForward(CodeWriter writer, LayerPlan plan, SequencePoolSettings settings, IReadOnlyList<string> inputs, string output)
        {
            if (!ReadsMask(plan))
            {
                writer.Line(settings.Mode switch
                {
                    SequencePoolMode.Last => $"var {output} = {inputs[0]}.select(1, {settings.Time - 1});",
                    SequencePoolMode.First => $"var {output} = {inputs[0]}.select(1, 0);",
                    _ => $"var {output} = {inputs[0]}.mean(new long[] {{ 1L }});",
                });
                return;
            }
            string mask = Names.MaskLocal(plan.InputMask);
            if (settings.Mode == SequencePoolMode.Mean)
            {
                string weights = SequencePoolLayer.WeightsName(plan.Name);
                writer.Line($"var {weights} = {mask}.unsqueeze(-1).to({inputs[0]}.dtype);");
                writer.Line($"var {output} = ({inputs[0]} * {weights}).sum(1) / {weights}.sum(1).clamp_min(1.0);");
            }
            else
            {
                string last = SequencePoolLayer.LastName(plan.Name);
                writer.Line($"var {last} = ({mask}.to(global::TorchSharp.torch.int64) * global::TorchSharp.torch.arange({settings.Time}L, " +
                    $"dtype: global::TorchSharp.torch.int64, device: {mask}.device)).argmax(1, keepdim: true);");
                writer.Line($"var {output} = {inputs[0]}.gather(1, {last}.unsqueeze(-1).expand(-1L, 1L, {settings.Width}L)).squeeze(1);");
            }
        }
    }
}
