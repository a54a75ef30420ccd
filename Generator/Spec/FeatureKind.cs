namespace ModelDsl.Generator.Spec
{
    /// <summary>How one property of a feature record becomes model inputs.</summary>
    internal enum FeatureKind
    {
        /// <summary>A number: one standardised column.</summary>
        Number,

        /// <summary>A bool: one 0/1 column.</summary>
        Boolean,

        /// <summary>An enum: one 0/1 column per declared member.</summary>
        Enum,

        /// <summary>Any other type; the checker reports it.</summary>
        Unsupported,
    }
}
