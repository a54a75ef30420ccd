namespace ModelDsl.Generator.Spec
{
    /// <summary>A diagnostic to report, kept as plain data (descriptor id, place, message arguments) so it can live in the cached pipeline.</summary>
    internal sealed record DiagnosticInfo(string Id, SourceSpan Span, EquatableArray<string> MessageArguments);
}
