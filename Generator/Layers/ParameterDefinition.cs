using ModelDsl.Generator.Spec;

namespace ModelDsl.Generator.Layers
{
    /// <summary>
    /// One argument a layer kind accepts. <paramref name="Name"/> is the snake_case name YAML uses; attribute
    /// properties/parameters are matched to it ignoring case and underscores (<c>BatchSize</c> = <c>batch_size</c>).
    /// </summary>
    /// <param name="Default">The value when omitted; null means the argument is required (or has no value).</param>
    /// <param name="AllowedValues">For text arguments, the accepted values (matched ignoring case and underscores).</param>
    internal sealed record ParameterDefinition(
        string Name, ArgumentKind Kind, ArgumentValue? Default, string Description, EquatableArray<string> AllowedValues = default)
    {
        /// <summary>The lookup key: lower case without underscores.</summary>
        public string Key { get; } = Names.Normalize(Name);

        public bool Required => Default is null && !Optional;

        /// <summary>True for arguments that may be absent without a default (e.g. a layer name).</summary>
        public bool Optional { get; init; }

        /// <summary>
        /// The largest accepted integer (and list item). Every integer is emitted into an <c>int</c>, so the default is
        /// <see cref="int.MaxValue"/>; size arguments set a saner bound so no shape rule or emitted literal can overflow or loop long.
        /// </summary>
        public long Maximum { get; init; } = int.MaxValue;

        /// <summary>The smallest accepted integer; shape rules report tighter minimums themselves.</summary>
        public long Minimum { get; init; } = int.MinValue;

        /// <summary>Largest size argument (units, filters, vocabulary, batch size…): 2^24, far above any model that trains.</summary>
        public const long MaxSize = 1L << 24;

        /// <summary>Largest count of stacked layers or attention heads.</summary>
        public const long MaxCount = 1024;

        public static ParameterDefinition RequiredInteger(string name, string description) => new(name, ArgumentKind.Integer, null, description);

        /// <summary>A required size argument such as units or filters: from 1 to <see cref="MaxSize"/>, checked before any shape is known.</summary>
        public static ParameterDefinition RequiredSize(string name, string description) =>
            new(name, ArgumentKind.Integer, null, description) { Minimum = 1, Maximum = MaxSize };

        public static ParameterDefinition Integer(string name, long value, string description) => new(name, ArgumentKind.Integer, ArgumentValue.OfInteger(value), description);

        public static ParameterDefinition Number(string name, double value, string description) => new(name, ArgumentKind.Number, ArgumentValue.OfNumber(value), description);

        public static ParameterDefinition Boolean(string name, bool value, string description) => new(name, ArgumentKind.Boolean, ArgumentValue.OfBoolean(value), description);

        public static ParameterDefinition Choice(string name, string value, string description, params string[] allowed) =>
            new(name, ArgumentKind.Text, ArgumentValue.OfText(value), description, allowed.ToEquatableArray());
    }
}
