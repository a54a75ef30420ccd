namespace ModelDsl.Models.Data;

/// <summary>Personal status and sex (attribute 9). Each member names the code the file writes.</summary>
public enum PersonalStatus
{
    /// <summary><c>A91</c>: male, divorced or separated.</summary>
    [Column("A91")]
    MaleDivorced,

    /// <summary><c>A92</c>: female, divorced, separated or married.</summary>
    [Column("A92")]
    FemaleDivorcedOrMarried,

    /// <summary><c>A93</c>: male, single.</summary>
    [Column("A93")]
    MaleSingle,

    /// <summary><c>A94</c>: male, married or widowed.</summary>
    [Column("A94")]
    MaleMarried,

    /// <summary><c>A95</c>: female, single (documented, absent from the data).</summary>
    [Column("A95")]
    FemaleSingle,
}
