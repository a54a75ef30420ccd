using ModelDsl.Generator.Spec;

namespace ModelDsl.Generator.Analysis
{
    /// <summary>
    /// A model input after checking: its name (<c>input</c> for a model's one unnamed input), kind, shape without the batch
    /// dimension (a record's is its featurized width), and for token ids the vocabulary and padding id (-1 when none).
    /// </summary>
    internal sealed record CheckedInput(string Name, InputKind Kind, EquatableArray<long> Shape, long Vocabulary, long PaddingId, SourceSpan Span);
}
