namespace ModelDsl.Generator.Spec
{
    /// <summary>How the generated CSV reader builds a feature record: a constructor call, then an object initializer.</summary>
    /// <param name="Problem">Why the record cannot be built from its columns ("" when it can); then no reader is emitted.</param>
    /// <param name="Arguments">The chosen constructor's parameters that take a property (parameters with defaults may be left out).</param>
    /// <param name="Initialized">Properties set with <c>init</c> or <c>set</c> in the initializer, in declaration order.</param>
    internal sealed record RecordConstruction(string Problem, EquatableArray<ConstructorArgument> Arguments, EquatableArray<string> Initialized)
    {
        /// <summary>No reader: the record was not read (its type is invalid).</summary>
        public static readonly RecordConstruction None = new("", EquatableArray<ConstructorArgument>.Empty, EquatableArray<string>.Empty);

        /// <summary>True when the property is read from the file (a constructor argument or an initialized property); others are computed.</summary>
        public bool Reads(string property)
        {
            foreach (ConstructorArgument argument in Arguments)
                if (argument.Property == property)
                    return true;
            foreach (string name in Initialized)
                if (name == property)
                    return true;
            return false;
        }
    }
}
