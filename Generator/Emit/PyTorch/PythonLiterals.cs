using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace ModelDsl.Generator.Emit.PyTorch
{
    /// <summary>Python (and JSON) literals: invariant culture, round-trippable floats, tuples that read as shapes.</summary>
    internal static class PythonLiterals
    {
        /// <summary>A float literal that round-trips (<c>0.001</c>, <c>1e-05</c>, <c>3.0</c>).</summary>
        public static string Number(double value)
        {
            string text = value.ToString("R", CultureInfo.InvariantCulture).Replace("E", "e");
            return text.IndexOf('.') >= 0 || text.IndexOf('e') >= 0 ? text : text + ".0";
        }

        /// <summary>An integer in invariant digits.</summary>
        public static string Integer(long value) => value.ToString(CultureInfo.InvariantCulture);

        /// <summary>A tuple of sizes: <c>(1, 28, 28)</c>, <c>(16,)</c>, <c>()</c>.</summary>
        public static string Tuple(IEnumerable<long> values)
        {
            string[] items = values.Select(Integer).ToArray();
            return items.Length == 1 ? $"({items[0]},)" : "(" + string.Join(", ", items) + ")";
        }

        /// <summary>A double-quoted string, valid in Python and JSON alike (backslash escapes, \uXXXX for control characters).</summary>
        public static string String(string value)
        {
            var text = new StringBuilder("\"");
            foreach (char c in value)
            {
                if (c == '"' || c == '\\')
                    text.Append('\\').Append(c);
                else if (c < ' ' || c > '~')
                    text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                else
                    text.Append(c);
            }
            return text.Append('"').ToString();
        }
    }
}
