namespace ModelDsl.Models.Data;

/// <summary>Telephone (attribute 19). Each member names the code the file writes.</summary>
public enum Telephone
{
    /// <summary><c>A191</c>: none.</summary>
    [Column("A191")]
    None,

    /// <summary><c>A192</c>: yes, registered under the customer's name.</summary>
    [Column("A192")]
    Registered,
}
