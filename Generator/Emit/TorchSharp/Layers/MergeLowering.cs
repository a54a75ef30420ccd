using System.Collections.Generic;
using System.Linq;
using ModelDsl.Generator.Layers;

namespace ModelDsl.Generator.Emit.TorchSharp.Layers
{
    /// <summary>Add and Multiply as chained tensor operations; Concatenate as torch.cat over the batch-including axis.</summary>
    internal sealed class MergeLowering : TorchSharpLowering<MergeSettings>
    {
        protected override void EmitForward(CodeWriter writer, LayerPlan plan, MergeSettings settings, IReadOnlyList<string> inputs, string output) =>
            writer.Line(settings.Operation switch
            {
                MergeOperation.Add => $"var {output} = {string.Join(" + ", inputs)};",
                MergeOperation.Multiply => $"var {output} = {string.Join(" * ", inputs)};",
                // The settings' axis counts from the first dimension after the batch; torch's counts the batch as 0.
                _ => $"var {output} = global::TorchSharp.torch.cat(new[] {{ {string.Join(", ", inputs)} }}, {settings.Dimension + 1});",
            });
    }
}
