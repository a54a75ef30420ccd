namespace ModelDsl.Models.Data;

/// <summary>Sex of a card holder (UCI credit default <c>SEX</c>). Each member names the code the file writes.</summary>
public enum ClientSex
{
    /// <summary><c>1</c>: male.</summary>
    [Column("1")]
    Male,

    /// <summary><c>2</c>: female.</summary>
    [Column("2")]
    Female,
}
