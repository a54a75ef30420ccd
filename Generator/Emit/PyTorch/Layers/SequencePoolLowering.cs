using System.Collections.Generic;
using System.Linq;
using ModelDsl.Generator.Layers;
using ModelDsl.Generator.Spec;

namespace ModelDsl.Generator.Emit.PyTorch.Layers
{
    /// <summary>SequencePool as the first or last step, or a mean over time.</summary>
    internal sealed class SequencePoolLowering : PyTorchLowering<SequencePoolSettings>
    {
        protected override void EmitForward(PythonWriter writer, LayerPlan plan, SequencePoolSettings settings, IReadOnlyList<string> inputs, string output) =>
            writer.Line(settings.Mode switch
            {
                SequencePoolMode.Last => $"{output} = {inputs[0]}[:, -1]",
                SequencePoolMode.First => $"{output} = {inputs[0]}[:, 0]",
                _ => $"{output} = {inputs[0]}.mean(dim=1)",
            });
    }
}
