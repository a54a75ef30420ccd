using System.Collections.Generic;
using ModelDsl.Generator.Layers;

namespace ModelDsl.Generator.Emit.TorchSharp.Layers
{
    /// <summary>Flatten as <c>flatten(1)</c>: every axis after the batch.</summary>
    internal sealed class FlattenLowering : TorchSharpLowering<FlattenSettings>
    {
        protected override void EmitForward(CodeWriter writer, LayerPlan plan, FlattenSettings settings, IReadOnlyList<string> inputs, string output) =>
            writer.Line($"var {output} = {inputs[0]}.flatten(1);");
    }
}
