using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ModelDsl.Generator.Spec;

namespace ModelDsl.Generator.Layers
{
    /// <summary>Conv1D and Conv2D: channels-first convolutions with valid/same/explicit padding, stride and dilation.</summary>
    internal abstract class ConvolutionLayer : LayerDefinition<ConvolutionSettings>
    {
        private readonly int _spatialRank;

        protected ConvolutionLayer(int spatialRank) => _spatialRank = spatialRank;

        public override IReadOnlyList<ParameterDefinition> Parameters { get; } = new[]
        {
            ParameterDefinition.RequiredSize("filters", "Number of output channels."),
            ParameterDefinition.Integer("kernel", 3, "Kernel size (square for 2-D)."),
            ParameterDefinition.Integer("stride", 1, "Stride."),
            ParameterDefinition.Choice("padding", "valid", "'valid' (no padding) or 'same' (output as long as the input; stride 1 only).", "valid", "same"),
            ParameterDefinition.Integer("padding_size", 0, "Explicit zero padding on each side (with padding 'valid')."),
            ParameterDefinition.Integer("dilation", 1, "Spacing between kernel elements."),
            ParameterDefinition.Boolean("use_bias", true, "Whether the layer has a bias."),
            Activations.Parameter,
        };

        public override LayerShape Infer(LayerContext context)
        {
            if (context.Input.Count != _spatialRank + 1)
            {
                string expected = _spatialRank == 1 ? "a 2-D input (channels, length)" : "a 3-D input (channels, height, width)";
                string hint = context.Input.Count == 1
                    ? _spatialRank == 1 ? "; add a Reshape to (1, length) first" : "; add a Reshape to (channels, height, width) first"
                    : context.Input.Count == 2 && _spatialRank == 2 ? "; use Conv1D for sequences" : "";
                context.ReportShape(expected, hint);
                return LayerShape.Failed;
            }
            if (!(context.RequireAtLeast("kernel", 1) & context.RequireAtLeast("stride", 1)
                  & context.RequireAtLeast("dilation", 1) & context.RequireAtLeast("padding_size", 0)))
                return LayerShape.Failed;

            long kernel = context.Int("kernel"), stride = context.Int("stride"), dilation = context.Int("dilation");
            bool same = context.Text("padding") == "same";
            if (same && stride != 1)
            {
                context.Report(Diagnostics.InvalidArgument, context.SpanOf("stride"), "stride", context.Name,
                    stride.ToString(CultureInfo.InvariantCulture), "1 with padding 'same' (PyTorch supports 'same' only for stride 1)");
                return LayerShape.Failed;
            }
            if (same && context.Int("padding_size") != 0)
            {
                context.Report(Diagnostics.InvalidArgument, context.SpanOf("padding_size"), "padding_size", context.Name,
                    context.Int("padding_size").ToString(CultureInfo.InvariantCulture), "0 with padding 'same'");
                return LayerShape.Failed;
            }
            long padding = same ? 0 : context.Int("padding_size");
            long window = dilation * (kernel - 1) + 1;
            if (!same && !ConvolutionRule.WindowFits(context, window, padding, "kernel"))
                return LayerShape.Failed;

            long channels = context.Input[0], filters = context.Int("filters");
            var output = new List<long> { filters };
            for (int axis = 1; axis < context.Input.Count; axis++)
                output.Add(same ? context.Input[axis] : ConvolutionRule.OutputLength(context.Input[axis], kernel, stride, padding, dilation));

            long weights = ParameterMath.Product(new[] { channels, filters }.Concat(Enumerable.Repeat(kernel, _spatialRank)).ToArray());
            bool useBias = context.Bool("use_bias");
            long parameters = ParameterMath.Sum(weights, useBias ? filters : 0);
            return Result(output.ToEquatableArray(), parameters,
                new ConvolutionSettings(_spatialRank, channels, filters, kernel, stride, same, padding, dilation, useBias, context.Text("activation")));
        }
    }

    internal sealed class Conv1DLayer : ConvolutionLayer
    {
        public Conv1DLayer() : base(1) { }

        public override string Kind => "Conv1D";

        public override string NamePrefix => "conv1d";

        public override string Description => "1-D convolution over (channels, length).";
    }

    internal sealed class Conv2DLayer : ConvolutionLayer
    {
        public Conv2DLayer() : base(2) { }

        public override string Kind => "Conv2D";

        public override string NamePrefix => "conv2d";

        public override string Description => "2-D convolution over (channels, height, width).";
    }
}
