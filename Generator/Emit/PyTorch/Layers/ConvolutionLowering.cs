using System.Collections.Generic;
using System.Linq;
using ModelDsl.Generator.Layers;
using ModelDsl.Generator.Spec;

namespace ModelDsl.Generator.Emit.PyTorch.Layers
{
    /// <summary>Conv1D/Conv2D as nn.Conv1d/nn.Conv2d (padding="same" where declared), then their activation.</summary>
    internal sealed class ConvolutionLowering : PyTorchLowering<ConvolutionSettings>
    {
        protected override string? ConstructOf(ConvolutionSettings settings)
        {
            string type = settings.SpatialRank == 1 ? "nn.Conv1d" : "nn.Conv2d";
            // Only what differs from PyTorch's defaults (stride 1, no padding, dilation 1, a bias).
            var options = new List<string>();
            if (settings.SamePadding)
                options.Add("padding=\"same\"");
            else
            {
                if (settings.Stride != 1)
                    options.Add($"stride={settings.Stride}");
                if (settings.Padding != 0)
                    options.Add($"padding={settings.Padding}");
            }
            if (settings.Dilation != 1)
                options.Add($"dilation={settings.Dilation}");
            if (!settings.UseBias)
                options.Add("bias=False");
            return $"{type}({settings.InChannels}, {settings.Filters}, {settings.Kernel}{string.Concat(options.Select(o => ", " + o))})";
        }

        protected override void EmitForward(PythonWriter writer, LayerPlan plan, ConvolutionSettings settings, IReadOnlyList<string> inputs, string output) =>
            WriteModuleCall(writer, plan, inputs[0], output);
    }
}
