namespace ModelDsl.Generator.Spec
{
    /// <summary>One public property of a feature record, as the attribute front end found it.</summary>
    /// <param name="Name">The property name (also the explanation group's name).</param>
    /// <param name="Kind">How it becomes inputs.</param>
    /// <param name="TypeName">Its type, fully qualified with <c>global::</c> (for enums, used in generated code) or as displayed (for messages).</param>
    /// <param name="Members">An enum's member names in declaration order; empty otherwise.</param>
    /// <param name="Span">Where the property is declared, or the model attribute when it is not in source.</param>
    internal sealed record FeatureSpec(string Name, FeatureKind Kind, string TypeName, EquatableArray<string> Members, SourceSpan Span)
    {
        /// <summary>How many input columns the property fills: one per enum member, else one.</summary>
        public int Columns => Kind == FeatureKind.Enum ? Members.Count : 1;

        /// <summary>The CSV header names it is read from, preferred first (its own name unless <c>[Column]</c> says otherwise).</summary>
        public EquatableArray<string> ColumnNames { get; init; } = EquatableArray<string>.Empty;

        /// <summary>True when a number is scaled by quantiles (<c>[Scale(FeatureScale.Quantile)]</c>) instead of standardised.</summary>
        public bool QuantileScaled { get; init; }

        /// <summary>Per enum member (parallel to <see cref="Members"/>), the codes a file may write for it besides its name.</summary>
        public EquatableArray<EquatableArray<string>> MemberCodes { get; init; } = EquatableArray<EquatableArray<string>>.Empty;
    }
}
