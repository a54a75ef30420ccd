namespace ModelDsl.Models.Data;

/// <summary>An applicant's free-text statement of purpose and the facts it was written from.</summary>
/// <param name="Text">One English sentence, e.g. "I plan to buy a family car on my steady salary."</param>
/// <param name="Situation">The circumstances the sentence describes (not in the record).</param>
/// <param name="Urgent">Whether the sentence asks for the money urgently (not in the record).</param>
public sealed record PurposeStatement(string Text, ApplicantSituation Situation, bool Urgent);
