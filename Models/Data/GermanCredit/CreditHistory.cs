namespace ModelDsl.Models.Data;

/// <summary>Credit history (attribute 3). Each member names the code the file writes.</summary>
public enum CreditHistory
{
    /// <summary><c>A30</c>: no credits taken, or all repaid duly.</summary>
    [Column("A30")]
    NoCreditsOrAllRepaid,

    /// <summary><c>A31</c>: all credits at this bank repaid duly.</summary>
    [Column("A31")]
    AllRepaidHere,

    /// <summary><c>A32</c>: existing credits repaid duly till now.</summary>
    [Column("A32")]
    ExistingRepaidSoFar,

    /// <summary><c>A33</c>: delays in paying off in the past.</summary>
    [Column("A33")]
    PastDelays,

    /// <summary><c>A34</c>: critical account, or other credits elsewhere.</summary>
    [Column("A34")]
    Critical,
}
