using System.Collections.Generic;
using System.Linq;
using ModelDsl.Generator.Layers;
using ModelDsl.Generator.Spec;

namespace ModelDsl.Generator.Emit.PyTorch.Layers
{
    /// <summary>Add and Multiply as chained tensor operations; Concatenate as torch.cat over the batch-including axis.</summary>
    internal sealed class MergeLowering : PyTorchLowering<MergeSettings>
    {
        protected override void EmitForward(PythonWriter writer, LayerPlan plan, MergeSettings settings, IReadOnlyList<string> inputs, string output) =>
            writer.Line(settings.Operation switch
            {
                MergeOperation.Add => $"{output} = {string.Join(" + ", inputs)}",
                MergeOperation.Multiply => $"{output} = {string.Join(" * ", inputs)}",
                // The settings' axis counts from the first dimension after the batch; torch's counts the batch as 0.
                _ => $"{output} = torch.cat([{string.Join(", ", inputs)}], dim={settings.Dimension + 1})",
            });
    }
}
