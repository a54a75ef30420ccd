namespace ModelDsl;

/// <summary>
/// Names what a CSV file calls a feature record's property or an enum member, for the reader the generator emits
/// (<c>XxxCsvReader</c>). Without it a property is read from the column of its own name and an enum from its member
/// names, both ignoring case.
/// </summary>
/// <remarks>
/// On a property (or a positional record's parameter): the header names it is read from, the first the header has
/// (<c>[Column("PAY_0")]</c>, or <c>[Column("target", "default.payment.next.month")]</c> for files that differ).
/// On an enum member: the codes a file writes for it, besides its name (<c>[Column("A11")] Overdrawn</c>,
/// <c>[Column("0", "5", "6")] Unknown</c>). Matching ignores case and the spaces around a field.
/// </remarks>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter | AttributeTargets.Field, AllowMultiple = false, Inherited = true)]
public sealed class ColumnAttribute : Attribute
{
    /// <summary>Names the header column(s) of a property, or the code(s) of an enum member.</summary>
    /// <param name="names">One name at least; on a property the first the header has is read.</param>
    public ColumnAttribute(params string[] names) => Names = names;

    /// <summary>The names or codes, in order.</summary>
    public IReadOnlyList<string> Names { get; }
}
