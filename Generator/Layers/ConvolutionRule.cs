using System.Globalization;

namespace ModelDsl.Generator.Layers
{
    /// <summary>The output-length arithmetic PyTorch uses for convolutions and pools along one axis.</summary>
    internal static class ConvolutionRule
    {
        public static long OutputLength(long length, long kernel, long stride, long padding, long dilation) =>
            (length + 2 * padding - dilation * (kernel - 1) - 1) / stride + 1;

        /// <summary>Checks the (dilated) window fits the padded input along every spatial axis; reports on the layer otherwise.</summary>
        public static bool WindowFits(LayerContext context, long window, long padding, string argument)
        {
            for (int axis = 1; axis < context.Input.Count; axis++)
            {
                long available = context.Input[axis] + 2 * padding;
                if (window > available)
                {
                    context.Report(Diagnostics.WindowTooLarge, context.SpanOf(argument), context.Name, context.Kind,
                        window.ToString(CultureInfo.InvariantCulture), Shape.Display(context.Input), available.ToString(CultureInfo.InvariantCulture));
                    return false;
                }
            }
            return true;
        }
    }
}
