namespace ModelDsl.Generator.Spec
{
    /// <summary>One declared layer: its kind as written (e.g. <c>Conv2D</c>, <c>conv2d</c>), its arguments, and where it was declared.</summary>
    internal sealed record LayerSpec(string Kind, EquatableArray<Argument> Arguments, SourceSpan Span);
}
