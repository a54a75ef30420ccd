namespace ModelDsl.Models.Data;

/// <summary>How a generated news sentence is put together; the rule says which clause decides its label.</summary>
public enum NewsSentenceForm
{
    /// <summary>One clause, optionally with a trailing attribution ("…, the company said"); the clause decides.</summary>
    Single,

    /// <summary>"A, and B" with A and B of the same sentiment.</summary>
    Conjunction,

    /// <summary>"A, but B": the final clause B decides.</summary>
    But,

    /// <summary>"Despite X, B": the main clause B (final) decides; X is a concession.</summary>
    DespiteFirst,

    /// <summary>"B despite X": the main clause B (first) decides; X is a concession.</summary>
    DespiteLast,

    /// <summary>"Although A, B": the main clause B (final) decides.</summary>
    Although,
}
