namespace ModelDsl.Generator.Spec
{
    /// <summary>A named argument (of a layer, the model, or the training options) and where it was written.</summary>
    /// <param name="Name">The name as written (attribute property/parameter or YAML key).</param>
    /// <param name="Key">The normalised name used for lookup: lower case, no underscores.</param>
    internal sealed record Argument(string Name, string Key, ArgumentValue Value, SourceSpan Span);
}
