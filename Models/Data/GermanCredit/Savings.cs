namespace ModelDsl.Models.Data;

/// <summary>Savings account or bonds (attribute 6, the file's BONDS). Each member names the code the file writes.</summary>
public enum Savings
{
    /// <summary><c>A61</c>: below 100 DM.</summary>
    [Column("A61")]
    Below100,

    /// <summary><c>A62</c>: 100 to 500 DM.</summary>
    [Column("A62")]
    Below500,

    /// <summary><c>A63</c>: 500 to 1000 DM.</summary>
    [Column("A63")]
    Below1000,

    /// <summary><c>A64</c>: 1000 DM or more.</summary>
    [Column("A64")]
    AtLeast1000,

    /// <summary><c>A65</c>: unknown, or no savings account.</summary>
    [Column("A65")]
    UnknownOrNone,
}
