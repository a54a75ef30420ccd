using System.Collections.Generic;
using ModelDsl.Generator.Layers;

namespace ModelDsl.Generator.Emit.TorchSharp.Layers
{
    /// <summary>
    /// Conv1D/Conv2D as TorchSharp's Conv1d/Conv2d, then their activation. A Conv2D reads its input channels-last
    /// (<c>ModelDsl.Layers.ChannelsLast</c>), so libtorch runs it and the layers after it on the channels-last kernels.
    /// </summary>
    internal sealed class ConvolutionLowering : TorchSharpLowering<ConvolutionSettings>
    {
        protected override string? ModuleTypeOf(ConvolutionSettings settings) => "global::TorchSharp.Modules." + TypeName(settings);

        protected override string ConstructOf(ConvolutionSettings settings)
        {
            string common = $"{settings.InChannels}, {settings.Filters}, {settings.Kernel}";
            string bias = settings.UseBias ? "" : ", bias: false";
            return settings.SamePadding
                ? $"global::TorchSharp.torch.nn.{TypeName(settings)}({common}, global::TorchSharp.Padding.Same, dilation: {settings.Dilation}{bias})"
                : $"global::TorchSharp.torch.nn.{TypeName(settings)}({common}, stride: {settings.Stride}, padding: {settings.Padding}L, dilation: {settings.Dilation}{bias})";
        }

        protected override void EmitForward(CodeWriter writer, LayerPlan plan, ConvolutionSettings settings, IReadOnlyList<string> inputs, string output) =>
            WriteModuleCall(writer, plan, settings.SpatialRank == 2 ? $"global::ModelDsl.Layers.ChannelsLast.Of({inputs[0]})" : inputs[0], output);

        private static string TypeName(ConvolutionSettings settings) => settings.SpatialRank == 1 ? "Conv1d" : "Conv2d";
    }
}
