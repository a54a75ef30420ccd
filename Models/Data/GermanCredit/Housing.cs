namespace ModelDsl.Models.Data;

/// <summary>Housing (attribute 15). Each member names the code the file writes.</summary>
public enum Housing
{
    /// <summary><c>A151</c>: rent.</summary>
    [Column("A151")]
    Rent,

    /// <summary><c>A152</c>: own.</summary>
    [Column("A152")]
    Own,

    /// <summary><c>A153</c>: for free.</summary>
    [Column("A153")]
    ForFree,
}
