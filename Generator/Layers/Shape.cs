using System.Globalization;
using System.Linq;
using ModelDsl.Generator.Spec;

namespace ModelDsl.Generator.Layers
{
    /// <summary>Formatting and arithmetic for shapes without the batch dimension.</summary>
    internal static class Shape
    {
        /// <summary>Keras-style, with the batch dimension shown as <c>None</c>: <c>(None, 32, 26, 26)</c>.</summary>
        public static string Display(EquatableArray<long> shape) =>
            "(None" + string.Concat(shape.Select(d => ", " + d.ToString(CultureInfo.InvariantCulture))) + ")";

        /// <summary>As a C# array literal body: <c>32, 26, 26</c>.</summary>
        public static string Literal(EquatableArray<long> shape) =>
            string.Join(", ", shape.Select(d => d.ToString(CultureInfo.InvariantCulture) + "L"));

        public static EquatableArray<long> Of(params long[] dims) => dims.ToEquatableArray();

        /// <summary>The element count, or -1 when it exceeds 2^53 (too large to be a sensible model).</summary>
        public static long Elements(EquatableArray<long> shape)
        {
            long total = 1;
            foreach (long d in shape)
            {
                if (d <= 0)
                    return 0;
                if (total > Limit / d)
                    return -1;
                total *= d;
            }
            return total;
        }

        /// <summary>Products and sums above this are reported as too large rather than overflowing.</summary>
        public const long Limit = 1L << 53;
    }
}
