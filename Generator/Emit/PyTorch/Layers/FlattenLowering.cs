using System.Collections.Generic;
using System.Linq;
using ModelDsl.Generator.Layers;
using ModelDsl.Generator.Spec;

namespace ModelDsl.Generator.Emit.PyTorch.Layers
{
    /// <summary>Flatten as <c>flatten(1)</c>: every axis after the batch.</summary>
    internal sealed class FlattenLowering : PyTorchLowering<FlattenSettings>
    {
        protected override void EmitForward(PythonWriter writer, LayerPlan plan, FlattenSettings settings, IReadOnlyList<string> inputs, string output) =>
            writer.Line($"{output} = {inputs[0]}.flatten(1)");
    }
}
