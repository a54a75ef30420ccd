using System;
using System.Globalization;
using System.Linq;

namespace ModelDsl.Generator.Spec
{
    /// <summary>The kind of value an argument holds.</summary>
    internal enum ArgumentKind
    {
        Integer,
        Number,
        Boolean,
        Text,
        IntegerList,
        NumberList,
        TextList,
    }

    /// <summary>
    /// One argument value as written in either front end. Enum members from attributes arrive as <see cref="ArgumentKind.Text"/>
    /// holding the member name; YAML scalars arrive with the kind they parse as.
    /// </summary>
    internal sealed record ArgumentValue(ArgumentKind Kind, long Integer, double Number, bool Boolean, string Text,
        EquatableArray<long> Integers, EquatableArray<double> Numbers, EquatableArray<string> Texts)
    {
        public static ArgumentValue OfInteger(long value) => new(ArgumentKind.Integer, value, value, false, "", default, default, default);

        public static ArgumentValue OfNumber(double value) => new(ArgumentKind.Number, 0, value, false, "", default, default, default);

        public static ArgumentValue OfBoolean(bool value) => new(ArgumentKind.Boolean, 0, 0, value, "", default, default, default);

        public static ArgumentValue OfText(string value) => new(ArgumentKind.Text, 0, 0, false, value, default, default, default);

        public static ArgumentValue OfIntegers(EquatableArray<long> values) => new(ArgumentKind.IntegerList, 0, 0, false, "", values, default, default);

        public static ArgumentValue OfNumbers(EquatableArray<double> values) => new(ArgumentKind.NumberList, 0, 0, false, "", default, values, default);

        public static ArgumentValue OfTexts(EquatableArray<string> values) => new(ArgumentKind.TextList, 0, 0, false, "", default, default, values);

        /// <summary>How the value reads in a diagnostic message.</summary>
        public string Display() => Kind switch
        {
            ArgumentKind.Integer => Integer.ToString(CultureInfo.InvariantCulture),
            ArgumentKind.Number => Number.ToString("R", CultureInfo.InvariantCulture),
            ArgumentKind.Boolean => Boolean ? "true" : "false",
            ArgumentKind.Text => "'" + Text + "'",
            ArgumentKind.IntegerList => "[" + string.Join(", ", Integers.Select(i => i.ToString(CultureInfo.InvariantCulture))) + "]",
            ArgumentKind.NumberList => "[" + string.Join(", ", Numbers.Select(n => n.ToString("R", CultureInfo.InvariantCulture))) + "]",
            ArgumentKind.TextList => "[" + string.Join(", ", Texts) + "]",
            _ => throw new ArgumentOutOfRangeException(nameof(Kind)),
        };
    }
}
