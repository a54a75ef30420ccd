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
        /// <summary>How many featurized columns the property fills: one per member of a one-hot enum, else one (an embedded enum's member index).</summary>
        public int Columns => Kind == FeatureKind.Enum && EmbedSize == 0 ? Members.Count : 1;

        /// <summary>How many columns the property gives the first layers: an embedded enum its embedding size, else <see cref="Columns"/>.</summary>
        public long NetworkColumns => IsEmbedded ? EmbedSize : Columns;

        /// <summary>True for an enum fed through an embedding (<c>[Embed]</c>, or the model's <c>EmbedEnums</c>) instead of one-hot.</summary>
        public bool IsEmbedded => Kind == FeatureKind.Enum && EmbedSize > 0;

        /// <summary>
        /// The embedding's size as written or resolved (<c>[Embed(8)]</c>; for <c>[Embed]</c> fastai's rule), 0 for none; the
        /// checker rejects it below 1 and on a property that is not an enum.
        /// </summary>
        public long EmbedSize { get; init; }

        /// <summary>Where <c>[Embed]</c> is written, or null when it is not (the checker reports a misplaced or invalid one there).</summary>
        public SourceSpan? EmbedSpan { get; init; }

        /// <summary>
        /// The name of the property's embedding module, the parameter-name prefix every target shares:
        /// <c>embed_</c> and the property name in snake case (<c>CheckingStatus</c> → <c>embed_checking_status</c>).
        /// </summary>
        public string EmbeddingName => "embed_" + SnakeCase(Name);

        /// <summary>How a number is scaled (<c>[Scale]</c>); written on another kind of property, the checker reports it.</summary>
        public NumberScale Scale { get; init; }

        /// <summary>Where <c>[Scale]</c> is written, or null when it is not.</summary>
        public SourceSpan? ScaleSpan { get; init; }

        /// <summary>The CSV header names it is read from, preferred first (its own name unless <c>[Column]</c> says otherwise).</summary>
        public EquatableArray<string> ColumnNames { get; init; } = EquatableArray<string>.Empty;


        /// <summary>Per enum member (parallel to <see cref="Members"/>), the codes a file may write for it besides its name.</summary>
        public EquatableArray<EquatableArray<string>> MemberCodes { get; init; } = EquatableArray<EquatableArray<string>>.Empty;

        /// <summary><c>PurposeCode</c> → <c>purpose_code</c>, <c>HTTPStatus</c> → <c>http_status</c>; underscores and digits stay.</summary>
        internal static string SnakeCase(string name)
        {
            var text = new System.Text.StringBuilder(name.Length + 4);
            for (int i = 0; i < name.Length; i++)
            {
                char c = name[i];
                bool boundary = i > 0 && char.IsUpper(c) && name[i - 1] != '_' &&
                    (!char.IsUpper(name[i - 1]) || i + 1 < name.Length && char.IsLower(name[i + 1]));
                if (boundary)
                    text.Append('_');
                text.Append(char.ToLowerInvariant(c));
            }
            return text.ToString();
        }
    }
}
