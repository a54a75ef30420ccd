namespace ModelDsl.Models.Data;

/// <summary>Present employment since (attribute 7). Each member names the code the file writes.</summary>
public enum EmploymentLength
{
    /// <summary><c>A71</c>: unemployed.</summary>
    [Column("A71")]
    Unemployed,

    /// <summary><c>A72</c>: less than a year.</summary>
    [Column("A72")]
    BelowOneYear,

    /// <summary><c>A73</c>: 1 to 4 years.</summary>
    [Column("A73")]
    OneToFourYears,

    /// <summary><c>A74</c>: 4 to 7 years.</summary>
    [Column("A74")]
    FourToSevenYears,

    /// <summary><c>A75</c>: 7 years or more.</summary>
    [Column("A75")]
    SevenYearsOrMore,
}
