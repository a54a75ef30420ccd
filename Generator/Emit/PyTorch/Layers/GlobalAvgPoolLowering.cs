using System.Collections.Generic;
using System.Linq;
using ModelDsl.Generator.Layers;
using ModelDsl.Generator.Spec;

namespace ModelDsl.Generator.Emit.PyTorch.Layers
{
    /// <summary>GlobalAvgPool as a mean over the spatial axes (2 and up, after batch and channels).</summary>
    internal sealed class GlobalAvgPoolLowering : PyTorchLowering<GlobalAvgPoolSettings>
    {
        protected override void EmitForward(PythonWriter writer, LayerPlan plan, GlobalAvgPoolSettings settings, IReadOnlyList<string> inputs, string output) =>
            writer.Line($"{output} = {inputs[0]}.mean(dim={PythonLiterals.Tuple(Enumerable.Range(2, settings.SpatialRank).Select(a => (long)a))})");
    }
}
