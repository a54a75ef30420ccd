namespace ModelDsl.Generator.Spec
{
    /// <summary>Which front end a model came from; only affects wording of some diagnostics.</summary>
    internal enum ModelSource
    {
        Attributes,
        Yaml,
    }

    /// <summary>
    /// The front-end-independent description of a model: what both the attribute parser and the YAML parser produce,
    /// and all the checker and emitter see. Holds only strings, numbers, enums and equatable arrays.
    /// </summary>
    /// <param name="Namespace">The namespace to emit into ("" for the global namespace).</param>
    /// <param name="ClassName">The model class name; the trainer is <c>ClassName + "Trainer"</c>.</param>
    /// <param name="Accessibility">C# accessibility keyword of the class (<c>public</c> or <c>internal</c>).</param>
    /// <param name="Input">The declared input shape without the batch dimension, or empty when missing.</param>
    /// <param name="Training">The declared training options (possibly empty).</param>
    internal sealed record ModelSpec(
        ModelSource Source,
        string Namespace,
        string ClassName,
        string Accessibility,
        EquatableArray<long> Input,
        SourceSpan ModelSpan,
        SourceSpan InputSpan,
        EquatableArray<LayerSpec> Layers,
        EquatableArray<Argument> Training,
        SourceSpan TrainingSpan)
    {
        /// <summary>The record whose properties are the inputs (<c>[Model(typeof(T))]</c>), or null for a declared tensor shape.</summary>
        public FeatureRecordSpec? Features { get; init; }

        /// <summary>A record named by YAML, not yet looked up in the compilation (<see cref="Features"/> is set once it is).</summary>
        public FeatureTypeReference? FeatureType { get; init; }

        /// <summary>
        /// The embedding size for every enum of the record without <c>[Embed]</c> (<c>[Model(EmbedEnums = 8)]</c>, YAML
        /// <c>embed_enums: 8</c>); 0 keeps them one-hot. The checker rejects a negative size.
        /// </summary>
        public long EmbedEnums { get; init; }

        /// <summary>Where <see cref="EmbedEnums"/> is written, or null when it is not.</summary>
        public SourceSpan? EmbedEnumsSpan { get; init; }

        /// <summary>The named inputs, in declaration order; empty for a model with one unnamed input (<see cref="Input"/> or <see cref="Features"/>).</summary>
        public EquatableArray<InputSpec> Inputs { get; init; } = EquatableArray<InputSpec>.Empty;

        /// <summary>The node named as the model's output (<c>output:</c>, <c>[Model(Output = "…")]</c>), or null for the last layer.</summary>
        public NodeReference? Output { get; init; }

        /// <summary>Members the user declared on the partial class, which must not clash with generated ones.</summary>
        public EquatableArray<DeclaredMember> DeclaredMembers { get; init; } = EquatableArray<DeclaredMember>.Empty;
    }

    /// <summary>A member declared in the user's part of a model class, and where.</summary>
    internal sealed record DeclaredMember(string Name, SourceSpan Span);
}
