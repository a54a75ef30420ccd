namespace ModelDsl.Models.Data;

/// <summary>Other installment plans (attribute 14). Each member names the code the file writes.</summary>
public enum InstallmentPlans
{
    /// <summary><c>A141</c>: at a bank.</summary>
    [Column("A141")]
    Bank,

    /// <summary><c>A142</c>: at stores.</summary>
    [Column("A142")]
    Stores,

    /// <summary><c>A143</c>: none.</summary>
    [Column("A143")]
    None,
}
