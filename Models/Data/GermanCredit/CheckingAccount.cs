namespace ModelDsl.Models.Data;

/// <summary>Status of the existing checking account (UCI attribute 1). Each member names the code the file writes.</summary>
public enum CheckingAccount
{
    /// <summary><c>A11</c>: below 0 DM.</summary>
    [Column("A11")]
    Overdrawn,

    /// <summary><c>A12</c>: 0 to 200 DM.</summary>
    [Column("A12")]
    Low,

    /// <summary><c>A13</c>: 200 DM or more, or salary paid into it for a year.</summary>
    [Column("A13")]
    High,

    /// <summary><c>A14</c>: no checking account.</summary>
    [Column("A14")]
    NoAccount,
}
