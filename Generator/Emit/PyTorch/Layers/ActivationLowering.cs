using System.Collections.Generic;
using System.Linq;
using ModelDsl.Generator.Layers;
using ModelDsl.Generator.Spec;

namespace ModelDsl.Generator.Emit.PyTorch.Layers
{
    /// <summary>A standalone activation as its functional call (its input as is for none/linear, or when left to prediction).</summary>
    internal sealed class ActivationLowering : PyTorchLowering<ActivationSettings>
    {
        protected override void EmitForward(PythonWriter writer, LayerPlan plan, ActivationSettings settings, IReadOnlyList<string> inputs, string output) =>
            writer.Line($"{output} = {PyTorchActivations.Apply(plan.ForwardActivation, inputs[0]) ?? inputs[0]}");
    }
}
