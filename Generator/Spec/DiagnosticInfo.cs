namespace ModelDsl.Generator.Spec
{
    /// <summary>A diagnostic to report, kept as plain data (descriptor id, place, message arguments) so it can live in the cached pipeline.</summary>
    internal sealed record DiagnosticInfo(string Id, SourceSpan Span, EquatableArray<string> MessageArguments)
    {
        /// <summary>
        /// Key/value pairs handed to the reported diagnostic's <c>Properties</c>, for code fixes (e.g. the suggested
        /// name of a misspelt argument); keys are in <see cref="Diagnostics"/>. Empty for most diagnostics.
        /// </summary>
        public EquatableArray<(string Key, string Value)> Properties { get; init; } = EquatableArray<(string Key, string Value)>.Empty;
    }
}
