namespace ModelDsl.Generator.Spec
{
    /// <summary>What a declared model input holds.</summary>
    internal enum InputKind
    {
        /// <summary>A float tensor of a declared shape.</summary>
        Tensor,

        /// <summary>A sequence of int64 token ids of a declared length, below a vocabulary size.</summary>
        Tokens,

        /// <summary>The model's feature record (<see cref="ModelSpec.Features"/>), featurized into one float vector.</summary>
        Record,
    }

    /// <summary>
    /// One named model input (YAML <c>inputs:</c>, attribute <c>[Input(...)]</c>). A model that declares none has the one
    /// unnamed input of <see cref="ModelSpec.Input"/> or <see cref="ModelSpec.Features"/>, as before graphs.
    /// </summary>
    /// <param name="Name">The input's name: a node other nodes read, and the forward() parameter.</param>
    /// <param name="Shape">The shape without the batch dimension (tokens: the sequence length); empty for a record.</param>
    /// <param name="Vocabulary">For token ids: how many distinct ids there are; 0 otherwise.</param>
    /// <param name="PaddingId">For token ids: the id that marks padding, or -1 when none is declared.</param>
    /// <param name="Span">Where the input is declared (its name).</param>
    internal sealed record InputSpec(string Name, InputKind Kind, EquatableArray<long> Shape, long Vocabulary, long PaddingId, SourceSpan Span);

    /// <summary>A node named as a layer's input (<c>inputs: [a, b]</c>, <c>From = "a"</c>) or as the model's output, and where.</summary>
    internal sealed record NodeReference(string Name, SourceSpan Span);
}
