using System.Collections.Generic;
using System.Linq;
using ModelDsl.Generator.Layers;

namespace ModelDsl.Generator.Emit.TorchSharp.Layers
{
    /// <summary>GlobalAvgPool as a mean over the spatial axes (2 and up, after batch and channels).</summary>
    internal sealed class GlobalAvgPoolLowering : TorchSharpLowering<GlobalAvgPoolSettings>
    {
        protected override void EmitForward(CodeWriter writer, LayerPlan plan, GlobalAvgPoolSettings settings, IReadOnlyList<string> inputs, string output)
        {
            string axes = string.Join(", ", Enumerable.Range(2, settings.SpatialRank).Select(a => Literals.Integer(a) + "L"));
            writer.Line($"var {output} = {inputs[0]}.mean(new long[] {{ {axes} }});");
        }
    }
}
