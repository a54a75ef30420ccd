namespace ModelDsl.Models.Data;

/// <summary>Job (attribute 17). Each member names the code the file writes.</summary>
public enum JobKind
{
    /// <summary><c>A171</c>: unemployed or unskilled, non-resident.</summary>
    [Column("A171")]
    UnskilledNonResident,

    /// <summary><c>A172</c>: unskilled, resident.</summary>
    [Column("A172")]
    UnskilledResident,

    /// <summary><c>A173</c>: skilled employee or official.</summary>
    [Column("A173")]
    Skilled,

    /// <summary><c>A174</c>: management, self-employed, highly qualified or officer.</summary>
    [Column("A174")]
    Management,
}
