namespace ModelDsl.Models.Data;

/// <summary>Most valuable property (attribute 12). Each member names the code the file writes.</summary>
public enum PropertyHeld
{
    /// <summary><c>A121</c>: real estate.</summary>
    [Column("A121")]
    RealEstate,

    /// <summary><c>A122</c>: building society savings or life insurance.</summary>
    [Column("A122")]
    SavingsOrInsurance,

    /// <summary><c>A123</c>: car or other.</summary>
    [Column("A123")]
    CarOrOther,

    /// <summary><c>A124</c>: unknown, or no property.</summary>
    [Column("A124")]
    UnknownOrNone,
}
