namespace ModelDsl.Generator.Spec
{
    /// <summary>A constructor parameter of a feature record and the property whose column fills it.</summary>
    /// <param name="Parameter">The parameter's name (unescaped).</param>
    /// <param name="Property">The feature property it takes.</param>
    internal sealed record ConstructorArgument(string Parameter, string Property);
}
