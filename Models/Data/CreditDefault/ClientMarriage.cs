namespace ModelDsl.Models.Data;

/// <summary>Marital status of a card holder (<c>MARRIAGE</c>). Each member names the code the file writes.</summary>
public enum ClientMarriage
{
    /// <summary><c>1</c>: married.</summary>
    [Column("1")]
    Married,

    /// <summary><c>2</c>: single.</summary>
    [Column("2")]
    Single,

    /// <summary><c>3</c>: others.</summary>
    [Column("3")]
    Other,

    /// <summary><c>0</c>: 0: in the data, but not in the UCI documentation.</summary>
    [Column("0")]
    Undocumented,
}
