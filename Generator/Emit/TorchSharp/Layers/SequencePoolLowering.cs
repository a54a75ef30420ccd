using System.Collections.Generic;
using ModelDsl.Generator.Layers;

namespace ModelDsl.Generator.Emit.TorchSharp.Layers
{
    /// <summary>SequencePool as a select of the first or last step, or a mean over time.</summary>
    internal sealed class SequencePoolLowering : TorchSharpLowering<SequencePoolSettings>
    {
        protected override void EmitForward(CodeWriter writer, LayerPlan plan, SequencePoolSettings settings, IReadOnlyList<string> inputs, string output) =>
            writer.Line(settings.Mode switch
            {
                SequencePoolMode.Last => $"var {output} = {inputs[0]}.select(1, {settings.Time - 1});",
                SequencePoolMode.First => $"var {output} = {inputs[0]}.select(1, 0);",
                _ => $"var {output} = {inputs[0]}.mean(new long[] {{ 1L }});",
            });
    }
}
