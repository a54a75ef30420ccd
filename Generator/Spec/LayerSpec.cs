namespace ModelDsl.Generator.Spec
{
    /// <summary>One declared layer: its kind as written (e.g. <c>Conv2D</c>, <c>conv2d</c>), its arguments, and where it was declared.</summary>
    internal sealed record LayerSpec(string Kind, EquatableArray<Argument> Arguments, SourceSpan Span)
    {
        /// <summary>The nodes this layer reads, in order; empty means the layer declared before it (or the model's one input).</summary>
        public EquatableArray<NodeReference> Inputs { get; init; } = EquatableArray<NodeReference>.Empty;

        /// <summary>Where the inputs were named (the <c>inputs</c>/<c>From</c> argument), or the layer's span when they were not.</summary>
        public SourceSpan? InputsSpan { get; init; }
    }
}
