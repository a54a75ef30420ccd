using System.Globalization;
using ModelDsl.Data;

namespace ModelDsl.Models.Data;

/// <summary>
/// Financial news sentences labelled negative (0), neutral (1) or positive (2): a deterministic generated corpus by
/// default (templates × companies × figures, with sentiment carried by verbs and events and neutral distractors), or a
/// CSV with a text column (<c>text</c> or <c>sentence</c>) and a label column (<c>label</c> or <c>sentiment</c>).
/// </summary>
public static class NewsCorpus
{
    /// <summary>Label names by index.</summary>
    public static readonly string[] Labels = ["negative", "neutral", "positive"];

    private static readonly string[] Companies =
        ["Nordea", "Fiskars", "Kone", "Wartsila", "Stora Enso", "UPM", "Elisa", "Sampo", "Outotec", "Metso", "Orion", "Tieto", "Kesko", "Neste", "Nokian Tyres"];

    private static readonly string[][] Templates =
    [
        [
            "{0} shares fell {1} % after the company issued a profit warning",
            "{0} reported an operating loss of EUR {2} million for the quarter",
            "{0} said net sales decreased by {1} % compared to last year",
            "{0} will cut {3} jobs as demand weakens",
            "Operating profit at {0} dropped to EUR {2} million from EUR {4} million",
            "{0} lowered its full-year outlook due to weak orders",
            "Analysts downgraded {0} after disappointing quarterly results",
        ],
        [
            "{0} will publish its interim report on {5}",
            "{0} appointed a new chief financial officer effective {5}",
            "{0} announced the date of its annual general meeting",
            "The board of {0} proposes a meeting in {6}",
            "{0} operates in {3} countries and employs about {4} people",
            "{0} completed the previously announced reorganisation of its units",
            "{0} has signed an agreement on the sale of its office building",
            "{0} will discuss profit and loss figures at its capital markets day on {5}",
            "Shares in {0} were traded on the Helsinki exchange with a volume of {4} thousand",
        ],
        [
            "{0} shares rose {1} % after strong quarterly results",
            "{0} reported record net sales of EUR {2} million",
            "Operating profit at {0} increased to EUR {4} million from EUR {2} million",
            "{0} raised its full-year guidance on strong demand",
            "{0} won a major order worth EUR {2} million",
            "Net profit at {0} grew by {1} % year on year",
            "Analysts upgraded {0} after better than expected earnings",
        ],
    ];

    // Clauses that carry no sentiment, appended to some sentences of every class so that length and trailing words
    // do not give the label away.
    private static readonly string[] Distractors =
        ["", "", "", ", the company said in a statement", ", according to a stock exchange release", " on {6} {7}", ", analysts said"];

    private static readonly string[] Months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    /// <summary>Generates <paramref name="count"/> labelled sentences (roughly 30% negative, 40% neutral, 30% positive).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    public static (List<string> Texts, List<int> Labels) Generate(int count, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var random = new Random(seed);
        var texts = new List<string>(count);
        var labels = new List<int>(count);
        for (int i = 0; i < count; i++)
        {
            double u = random.NextDouble();
            int label = u < 0.3 ? 0 : u < 0.7 ? 1 : 2;
            string[] templates = Templates[label];
            string template = templates[random.Next(templates.Length)] + Distractors[random.Next(Distractors.Length)];
            string text = string.Format(CultureInfo.InvariantCulture, template,
                Companies[random.Next(Companies.Length)], random.Next(1, 30), random.Next(5, 900), random.Next(2, 60),
                random.Next(5, 900), $"{random.Next(1, 29)} {Months[random.Next(12)]}", Months[random.Next(12)], random.Next(2005, 2025));
            texts.Add(text);
            labels.Add(label);
        }
        return (texts, labels);
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
