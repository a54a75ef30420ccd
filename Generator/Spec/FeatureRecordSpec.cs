using System.Linq;

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

        /// <summary>How many columns the featurizer writes per record (an embedded enum's member index is one).</summary>
        public long FeaturizedWidth => Properties.Sum(p => (long)p.Columns);

        /// <summary>How many columns the first layers read: the featurized width with each embedded index replaced by its embedding.</summary>
        public long NetworkWidth => Properties.Sum(p => p.NetworkColumns);

        /// <summary>True when some enum is embedded, so forward() embeds the featurized record before its first layer.</summary>
        public bool HasEmbeddings => Properties.Any(p => p.IsEmbedded);

        /// <summary>
        /// The featurized row as the layers read it, in column order, for every target's embedding step: runs of columns that
        /// pass unchanged (<c>Embedded</c> null, columns <c>From</c> to <c>To</c>, exclusive) and embedded enums (the index
        /// column <c>From</c>, <c>To</c> = <c>From</c> + 1).
        /// </summary>
        public System.Collections.Generic.List<(long From, long To, FeatureSpec? Embedded)> EmbeddingSegments()
        {
            var segments = new System.Collections.Generic.List<(long From, long To, FeatureSpec? Embedded)>();
            long offset = 0, start = 0;
            foreach (FeatureSpec property in Properties)
            {
                if (property.IsEmbedded)
                {
                    if (offset > start)
                        segments.Add((start, offset, null));
                    segments.Add((offset, offset + 1, property));
                    start = offset + 1;
                }
                offset += property.Columns;
            }
            if (offset > start)
                segments.Add((start, offset, null));
            return segments;
        }

        /// <summary>The record with every enum that has no <c>[Embed]</c> embedded with <paramref name="size"/> (the model's <c>EmbedEnums</c>).</summary>
        public FeatureRecordSpec WithDefaultEmbedding(long size) => this with
        {
            Properties = Properties.Select(p => p.Kind == FeatureKind.Enum && p.EmbedSpan is null ? p with { EmbedSize = size } : p).ToEquatableArray(),
        };
    }
}
