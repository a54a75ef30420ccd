namespace ModelDsl.Models.Data;

/// <summary>Education of a card holder (<c>EDUCATION</c>). Each member names the code the file writes.</summary>
public enum ClientEducation
{
    /// <summary><c>1</c>: graduate school.</summary>
    [Column("1")]
    GraduateSchool,

    /// <summary><c>2</c>: university.</summary>
    [Column("2")]
    University,

    /// <summary><c>3</c>: high school.</summary>
    [Column("3")]
    HighSchool,

    /// <summary><c>4</c>: others.</summary>
    [Column("4")]
    Other,

    /// <summary><c>0</c>, <c>5</c>, <c>6</c>: 0, 5 or 6: in the data, but not in the UCI documentation.</summary>
    [Column("0", "5", "6")]
    Undocumented,
}
