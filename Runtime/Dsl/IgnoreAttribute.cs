namespace ModelDsl;

/// <summary>
/// Leaves a public property of a feature record out of the model's inputs (an identifier, a free-text note, a date),
/// for records whose shape the user cannot change, such as positional records.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter, AllowMultiple = false, Inherited = true)]
public sealed class IgnoreAttribute : Attribute
{
}
