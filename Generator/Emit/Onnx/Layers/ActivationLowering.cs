using System.Collections.Generic;
using System.Linq;
using ModelDsl.Generator.Layers;

namespace ModelDsl.Generator.Emit.Onnx.Layers
{
    /// <summary>A standalone activation as its ONNX operator (<c>Identity</c> for none/linear, or when left to prediction).</summary>
    internal sealed class ActivationLowering : OnnxLowering<ActivationSettings>
    {
        protected override string Method(LayerPlan plan, ActivationSettings settings, IReadOnlyList<string> inputs) =>
            $"Activation({Name(plan)}, {inputs[0]}, {Literals.String(plan.ForwardActivation.Length == 0 ? Activations.None : plan.ForwardActivation)})";
    }
}
