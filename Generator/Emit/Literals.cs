using System.Globalization;
using Microsoft.CodeAnalysis.CSharp;

namespace ModelDsl.Generator.Emit
{
    /// <summary>
    /// The one place that writes C# literals: invariant culture, round-trippable doubles, Roslyn's own string escaping.
    /// The checker guarantees numbers are finite and integers fit their targets, so every literal here compiles.
    /// </summary>
    internal static class Literals
    {
        /// <summary>A <c>double</c> literal that round-trips (<c>0.001</c>, <c>1E-05</c>, <c>3.0</c>).</summary>
        public static string Number(double value)
        {
            string text = value.ToString("R", CultureInfo.InvariantCulture);
            return text.IndexOf('.') >= 0 || text.IndexOf('E') >= 0 ? text : text + ".0";
        }

        /// <summary>An integer literal in invariant digits.</summary>
        public static string Integer(long value) => value.ToString(CultureInfo.InvariantCulture);

        /// <summary>A quoted, escaped string literal.</summary>
        public static string String(string value) => SymbolDisplay.FormatLiteral(value, quote: true);

        /// <summary>The text of a string literal without its quotes, for pieces of a longer literal.</summary>
        public static string StringContent(string value)
        {
            // Without quotes Roslyn leaves '"' unescaped, so escape as a whole literal and drop the quotes.
            string literal = String(value);
            return literal.Substring(1, literal.Length - 2);
        }
    }
}
