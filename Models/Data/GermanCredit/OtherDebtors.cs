namespace ModelDsl.Models.Data;

/// <summary>Other debtors or guarantors (attribute 10). Each member names the code the file writes.</summary>
public enum OtherDebtors
{
    /// <summary><c>A101</c>: none.</summary>
    [Column("A101")]
    None,

    /// <summary><c>A102</c>: co-applicant.</summary>
    [Column("A102")]
    CoApplicant,

    /// <summary><c>A103</c>: guarantor.</summary>
    [Column("A103")]
    Guarantor,
}
