using System.Collections.Generic;
using ModelDsl.Generator.Layers;

namespace ModelDsl.Generator.Emit.TorchSharp.Layers
{
    /// <summary>A standalone activation as its functional call (its input as is for none/linear, or when left to prediction).</summary>
    internal sealed class ActivationLowering : TorchSharpLowering<ActivationSettings>
    {
        protected override void EmitForward(CodeWriter writer, LayerPlan plan, ActivationSettings settings, IReadOnlyList<string> inputs, string output) =>
            writer.Line($"var {output} = {TorchSharpActivations.Apply(plan.ForwardActivation, inputs[0]) ?? inputs[0]};");
    }
}
