namespace ModelDsl.Generator.Spec
{
    /// <summary>A record named by its full type name (YAML's <c>features:</c> key), resolved against the compilation later.</summary>
    /// <param name="MetadataName">The full name as written, e.g. <c>My.App.Applicant</c>.</param>
    /// <param name="Span">Where the name is written.</param>
    internal sealed record FeatureTypeReference(string MetadataName, SourceSpan Span);
}
