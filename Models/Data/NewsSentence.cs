namespace ModelDsl.Models.Data;

/// <summary>
/// One generated news sentence: its text, the label the corpus ships (<see cref="Label"/>, after label noise) and the
/// label the generative rule gives it (<see cref="RuleLabel"/>). Labels: 0 = negative, 1 = neutral, 2 = positive.
/// </summary>
/// <param name="Text">The sentence.</param>
/// <param name="Label">The shipped label; differs from <paramref name="RuleLabel"/> for the noisy fraction of sentences.</param>
/// <param name="RuleLabel">The label of the sentence's main clause under the documented rule.</param>
/// <param name="Form">How the sentence is put together (one clause, a contrast, ...).</param>
public sealed record NewsSentence(string Text, int Label, int RuleLabel, NewsSentenceForm Form)
{
    /// <summary>Whether label noise replaced the rule's label.</summary>
    public bool IsNoisy => Label != RuleLabel;
}
