namespace ModelDsl.Generator.Spec
{
    /// <summary>The record named by <c>[Model(typeof(T))]</c>: the model's inputs are its properties.</summary>
    /// <param name="TypeName">The record type, fully qualified with <c>global::</c>.</param>
    /// <param name="DisplayName">The record's short name, for messages and documentation.</param>
    /// <param name="Problem">Why the type cannot be a feature record (e.g. it is an interface), or "" when it can.</param>
    /// <param name="Properties">Its public instance properties in declaration order (base types first).</param>
    /// <param name="Span">The <c>typeof(...)</c> argument.</param>
    internal sealed record FeatureRecordSpec(string TypeName, string DisplayName, string Problem, EquatableArray<FeatureSpec> Properties, SourceSpan Span)
    {
        /// <summary>How the generated CSV reader builds the record, or why it cannot.</summary>
        public RecordConstruction Construction { get; init; } = RecordConstruction.None;
    }
}
