namespace ModelDsl.Models.Data;

/// <summary>Foreign worker (attribute 20). Each member names the code the file writes.</summary>
public enum ForeignWorker
{
    /// <summary><c>A201</c>: yes.</summary>
    [Column("A201")]
    Yes,

    /// <summary><c>A202</c>: no.</summary>
    [Column("A202")]
    No,
}
