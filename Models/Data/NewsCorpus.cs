using ModelDsl.Data;

namespace ModelDsl.Models.Data;

/// <summary>
/// Financial news sentences labelled negative (0), neutral (1) or positive (2): a deterministic generated corpus by
/// default, or a CSV with a text column (<c>text</c> or <c>sentence</c>) and a label column (<c>label</c> or <c>sentiment</c>).
/// </summary>
/// <remarks>
/// <para>
/// The generative rule (<see cref="GenerateSentences"/>): draw the class (30 % negative, 40 % neutral, 30 % positive),
/// then write a sentence whose <em>main clause</em> has that sentiment. Every class draws from one vocabulary of
/// 15 companies, the same metrics and the same verbs, so no single word gives the label away:
/// </para>
/// <list type="bullet">
/// <item>A movement's sentiment is the metric's sign times the direction: metrics where higher is good (net sales,
/// operating profit, order intake, …) and where higher is bad (operating loss, costs, net debt, …) move with the same
/// verbs, so "operating profit rose" is positive and "operating loss rose" negative, "costs fell" positive.</item>
/// <item>"Higher/lower than expected" follows the same product; results that "met/beat/exceeded expectations" are
/// positive, "did not meet/fell short of/missed" negative.</item>
/// <item>An outlook "expects X to rise/fall" follows the product and its negation "does not expect" flips it, so "does
/// not expect costs to rise" is positive.</item>
/// <item>A few events carry sentiment directly (raised/lowered the outlook, won an order, will cut jobs).</item>
/// <item>Neutral sentences mention the same metrics, figures and verbs without sentiment: a figure without a change
/// ("net loss was EUR 12 million in 2019"), an unchanged figure or outlook, a date for publishing profit figures,
/// and movements of figures with no sign (share capital, number of shares, trading volume).</item>
/// <item>Compound sentences (60 % of the positive and negative ones, 25 % of the neutral ones): "A, and B" (same
/// sentiment), "A, but B" and "Although A, B" (the final clause B decides, A has the opposite sentiment),
/// "Despite X, B" and "B despite X" (the main clause B decides wherever it stands; the concession X has the opposite
/// sentiment or, for neutral sentences, any).</item>
/// </list>
/// <para>
/// Label noise: after the rule, <see cref="LabelNoise"/> (5 %) of the sentences get one of the two other labels,
/// uniformly, so even a classifier that knows the rule scores about 0.95. The corpus is a pure function of the count and
/// the seed.
/// </para>
/// </remarks>
public static class NewsCorpus
{
    /// <summary>Label names by index.</summary>
    public static readonly string[] Labels = ["negative", "neutral", "positive"];

    /// <summary>The probability that a generated sentence ships with a label other than the rule's.</summary>
    public const double LabelNoise = 0.05;

    /// <summary>Generates <paramref name="count"/> labelled sentences by the documented rule; see <see cref="GenerateSentences"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    public static (List<string> Texts, List<int> Labels) Generate(int count, int seed)
    {
        IReadOnlyList<NewsSentence> sentences = GenerateSentences(count, seed);
        return (sentences.Select(s => s.Text).ToList(), sentences.Select(s => s.Label).ToList());
    }

    /// <summary>
    /// Generates <paramref name="count"/> sentences (about 30 % negative, 40 % neutral, 30 % positive by the rule), each
    /// with its shipped label, the rule's label and its form; the same count and seed give the same corpus.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    public static IReadOnlyList<NewsSentence> GenerateSentences(int count, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var writer = new NewsSentenceWriter(seed);
        var sentences = new List<NewsSentence>(count);
        for (int i = 0; i < count; i++)
        {
            double u = writer.Uniform();
            int ruleLabel = u < 0.3 ? 0 : u < 0.7 ? 1 : 2;
            (string text, NewsSentenceForm form) = writer.Sentence(ruleLabel - 1);
            int label = writer.Uniform() < LabelNoise ? writer.OtherLabel(ruleLabel) : ruleLabel;
            sentences.Add(new NewsSentence(text, label, ruleLabel, form));
        }
        return sentences;
    }

    /// <summary>Reads a CSV of labelled sentences; labels are names (negative/neutral/positive) or 0/1/2.</summary>
    /// <exception cref="InvalidDataException">Columns are missing or a label is unknown; names the line.</exception>
    public static (List<string> Texts, List<int> Labels) Read(string path)
    {
        CsvTable probe = CsvTable.Read(path);
        string text = probe.Has("text") ? "text" : probe.Has("sentence") ? "sentence"
            : throw new InvalidDataException($"{path}: no text column; expected 'text' or 'sentence', the header has: {string.Join(", ", probe.Header)}.");
        string label = probe.Has("label") ? "label" : probe.Has("sentiment") ? "sentiment"
            : throw new InvalidDataException($"{path}: no label column; expected 'label' or 'sentiment', the header has: {string.Join(", ", probe.Header)}.");
        var texts = new List<string>();
        var labels = new List<int>();
        for (int i = 0; i < probe.Count; i++)
        {
            string value = probe.Text(i, label).ToLowerInvariant();
            int index = Array.IndexOf(Labels, value);
            if (index < 0 && !(int.TryParse(value, out index) && index is >= 0 and <= 2))
                throw new InvalidDataException($"{path}:{probe.Line(i)}: column '{label}' holds '{value}'; expected negative, neutral, positive or 0, 1, 2.");
            texts.Add(probe.Text(i, text));
            labels.Add(index);
        }
        return (texts, labels);
    }
}
