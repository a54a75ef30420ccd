using System.Collections.Generic;
using System.Linq;
using ModelDsl.Generator.Layers;

namespace ModelDsl.Generator.Emit.Onnx.Layers
{
    /// <summary>Conv1D/Conv2D as <c>Conv</c> with explicit pads, then its activation.</summary>
    internal sealed class ConvolutionLowering : OnnxLowering<ConvolutionSettings>
    {
        protected override string Method(LayerPlan plan, ConvolutionSettings settings, IReadOnlyList<string> inputs) =>
            $"Conv({Name(plan)}, {inputs[0]}, kernel: {Literals.Integer(settings.Kernel)}, stride: {Literals.Integer(settings.Stride)}, " +
            $"padding: {Literals.Integer(settings.Padding)}, dilation: {Literals.Integer(settings.Dilation)}, samePadding: {Boolean(settings.SamePadding)}{ActivationArgument(plan)})";
    }
}
