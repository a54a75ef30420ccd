using System.Collections.Generic;
using ModelDsl.Generator.Layers;

namespace ModelDsl.Generator.Emit.TorchSharp.Layers
{
    /// <summary>A standalone activation as its functional call (nothing for none/linear, or when left to prediction).</summary>
    internal sealed class ActivationLowering : TorchSharpLowering<ActivationSettings>
    {
        protected override void EmitForward(CodeWriter writer, LayerPlan plan, ActivationSettings settings, IReadOnlyList<string> inputs, string output)
        {
            if (TorchSharpActivations.Apply(plan.ForwardActivation, inputs[0]) is { } activation)
                writer.Line($"{output} = {activation};");
        }
    }
}
