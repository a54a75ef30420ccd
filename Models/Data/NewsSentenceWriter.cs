using System.Globalization;

namespace ModelDsl.Models.Data;

/// <summary>
/// Writes the sentences of the generated news corpus from one seeded random stream; <see cref="NewsCorpus"/> documents
/// the rule. Polarity is −1 (negative), 0 (neutral) or +1 (positive); a label is polarity + 1.
/// </summary>
internal sealed class NewsSentenceWriter(int seed)
{
    /// <summary>A reported figure: higher is good (+1), bad (−1) or neither (0).</summary>
    private sealed record Metric(string Name, int Sign, bool Plural);

    private static readonly string[] Companies =
        ["Nordea", "Fiskars", "Kone", "Wartsila", "Stora Enso", "UPM", "Elisa", "Sampo", "Outotec", "Metso", "Orion", "Tieto", "Kesko", "Neste", "Nokian Tyres"];

    private static readonly Metric[] SentimentMetrics =
    [
        new("net sales", +1, true), new("operating profit", +1, false), new("net profit", +1, false), new("order intake", +1, false),
        new("revenue", +1, false), new("operating margin", +1, false), new("earnings per share", +1, true),
        new("operating loss", -1, false), new("net loss", -1, false), new("costs", -1, true), new("net debt", -1, false),
        new("impairment charges", -1, true), new("credit losses", -1, true),
    ];

    private static readonly Metric[] NeutralMetrics =
        [new("share capital", 0, false), new("number of shares", 0, false), new("trading volume", 0, false), new("number of shareholders", 0, false)];

    private static readonly string[] RisePast = ["rose", "increased", "grew", "climbed", "went up"];
    private static readonly string[] FallPast = ["fell", "decreased", "declined", "dropped", "went down"];
    private static readonly string[] RiseBase = ["rise", "increase", "grow"];
    private static readonly string[] FallBase = ["fall", "decrease", "decline"];
    private static readonly string[] RiseNoun = ["a rise in", "an increase in", "growth in", "higher"];
    private static readonly string[] FallNoun = ["a fall in", "a decrease in", "a drop in", "lower"];
    private static readonly string[] Periods = ["in the first quarter", "in the second quarter", "in the third quarter", "in the fourth quarter", "year on year", "in {year}"];
    private static readonly string[] Months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
    private static readonly string[] Attributions = [", the company said", ", according to a stock exchange release", ", analysts said", ", the company said in a statement"];

    // How a compound sentence's second clause names the company the first one named.
    private const string SecondMention = "the company";

    private readonly Random _random = new(seed);

    /// <summary>A sentence whose main clause has <paramref name="polarity"/>, before label noise.</summary>
    public (string Text, NewsSentenceForm Form) Sentence(int polarity)
    {
        (string text, NewsSentenceForm form) = Compose(polarity);
        return (Capitalised(text), form);
    }

    private (string Text, NewsSentenceForm Form) Compose(int polarity)
    {
        string company = Pick(Companies);
        if (polarity == 0)
        {
            // Mostly plain neutral statements; a quarter concede a sentiment clause and end on a neutral main clause.
            int neutralForm = _random.Next(100);
            return neutralForm switch
            {
                < 7 => ($"Despite {Nominal(Sign())}, {NeutralClause(company, brief: true)}", NewsSentenceForm.DespiteFirst),
                < 14 => ($"{Clause(Sign(), company, brief: true)}, but {NeutralClause(SecondMention, brief: true)}", NewsSentenceForm.But),
                < 20 => ($"{NeutralClause(company, brief: true)} despite {Nominal(Sign())}", NewsSentenceForm.DespiteLast),
                < 25 => ($"Although {Clause(Sign(), company, brief: true)}, {NeutralClause(SecondMention, brief: true)}", NewsSentenceForm.Although),
                _ => (WithAttribution(NeutralClause(company, brief: false)), NewsSentenceForm.Single),
            };
        }

        int form = _random.Next(100);
        return form switch
        {
            < 40 => (WithAttribution(Clause(polarity, company, brief: false)), NewsSentenceForm.Single),
            < 50 => ($"{Clause(polarity, company, brief: true)}, and {Clause(polarity, SecondMention, brief: true)}", NewsSentenceForm.Conjunction),
            < 65 => ($"{Clause(-polarity, company, brief: true)}, but {Clause(polarity, SecondMention, brief: true)}", NewsSentenceForm.But),
            < 77 => ($"Despite {Nominal(-polarity)}, {Clause(polarity, company, brief: true)}", NewsSentenceForm.DespiteFirst),
            < 89 => ($"{Clause(polarity, company, brief: true)} despite {Nominal(-polarity)}", NewsSentenceForm.DespiteLast),
            _ => ($"Although {Clause(-polarity, company, brief: true)}, {Clause(polarity, SecondMention, brief: true)}", NewsSentenceForm.Although),
        };
    }

    /// <summary>A draw in [0, 1) from the same stream, for the class and the label noise.</summary>
    public double Uniform() => _random.NextDouble();

    /// <summary>One of the two labels other than <paramref name="label"/>, uniformly.</summary>
    public int OtherLabel(int label) => (label + 1 + _random.Next(2)) % 3;

    // A clause with the given non-zero polarity. Brief clauses (inside compound sentences) skip the longer figures so
    // that the sentence fits the model's token length.
    private string Clause(int polarity, string company, bool brief)
    {
        int kind = _random.Next(100);
        if (kind < 50)
        {
            // A movement: the sentiment is the metric's sign times the direction, so "profit rose" and "loss rose" differ.
            Metric metric = Pick(SentimentMetrics);
            int direction = polarity * metric.Sign;
            return $"{Subject(metric, company)} {Pick(direction > 0 ? RisePast : FallPast)}{Amount(direction, brief)}";
        }
        if (kind < 62)
        {
            Metric metric = Pick(SentimentMetrics);
            string comparison = polarity * metric.Sign > 0 ? "higher" : "lower";
            return $"{Subject(metric, company)} {(metric.Plural ? "were" : "was")} {comparison} than expected";
        }
        if (kind < 74)
        {
            string results = $"{Possessive(company)} {Pick("quarterly", "full-year", "interim")} results";
            return polarity > 0
                ? $"{results} {Pick("met", "beat", "exceeded")} {Pick("analysts' expectations", "expectations", "market expectations")}"
                : $"{results} {Pick("did not meet", "fell short of", "missed")} {Pick("analysts' expectations", "expectations", "market expectations")}";
        }
        if (kind < 88)
        {
            // An outlook, possibly negated: "does not expect costs to rise" is good news.
            Metric metric = Pick(SentimentMetrics);
            bool negated = _random.Next(2) == 0;
            int direction = polarity * metric.Sign * (negated ? -1 : 1);
            string expects = company == SecondMention ? (negated ? "it does not expect" : "it expects") : $"{company} {(negated ? "does not expect" : "expects")}";
            return $"{expects} {metric.Name} to {Pick(direction > 0 ? RiseBase : FallBase)}{(brief ? "" : " " + Period())}";
        }
        return polarity > 0
            ? $"{company} {Pick("raised its full-year outlook", "raised its profit guidance", $"won an order worth EUR {_random.Next(5, 900)} million")}"
            : $"{company} {Pick("lowered its full-year outlook", "cut its profit guidance", $"will cut {_random.Next(20, 900)} jobs")}";
    }

    private string NeutralClause(string company, bool brief)
    {
        int kind = _random.Next(brief ? 3 : 7);
        Metric metric = Pick(SentimentMetrics);
        return kind switch
        {
            0 => $"{company} {Pick("kept", "confirmed", "reiterated")} its full-year outlook",
            1 => $"{Subject(metric, company)} {(metric.Plural ? "were" : "was")} unchanged at EUR {_random.Next(5, 900)} million",
            2 => $"{(company == SecondMention ? "it" : company)} expects {metric.Name} to remain at last year's level",
            // A movement of a figure that carries no sentiment: "rose" and "fell" occur in neutral sentences too.
            3 => $"{Subject(Pick(NeutralMetrics), company)} {Pick(_random.Next(2) == 0 ? RisePast : FallPast)}{Amount(1, brief: true)}",
            4 => $"{Subject(metric, company)} {(metric.Plural ? "were" : "was")} EUR {_random.Next(5, 900)} million {Period()}",
            5 => $"{company} will publish its {metric.Name} figures on {_random.Next(1, 29)} {Pick(Months)}",
            _ => $"{company} will discuss {metric.Name} and {Pick(SentimentMetrics).Name} at its capital markets day in {Pick(Months)}",
        };
    }

    // A noun phrase with a polarity, for "despite": "higher costs" is bad news, "a drop in net debt" good news.
    private string Nominal(int polarity)
    {
        Metric metric = Pick(SentimentMetrics);
        return $"{Pick(polarity * metric.Sign > 0 ? RiseNoun : FallNoun)} {metric.Name}";
    }

    private string Subject(Metric metric, string company) =>
        _random.Next(2) == 0 ? $"{Possessive(company)} {metric.Name}" : $"{metric.Name} at {company}";

    private string Amount(int direction, bool brief)
    {
        int kind = _random.Next(brief ? 2 : 4);
        int low = _random.Next(5, 450), high = low + _random.Next(5, 450);
        return kind switch
        {
            0 => "",
            1 => $" by {_random.Next(1, 30)} %",
            2 => $" to EUR {(direction > 0 ? high : low)} million",
            _ => $" to EUR {(direction > 0 ? high : low)} million from EUR {(direction > 0 ? low : high)} million",
        };
    }

    private string Period() => Pick(Periods).Replace("{year}", _random.Next(2005, 2025).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);

    private string WithAttribution(string clause) => _random.Next(4) == 0 ? clause + Pick(Attributions) : clause;

    private int Sign() => _random.Next(2) == 0 ? -1 : 1;

    private static string Possessive(string company) =>
        company == SecondMention ? "its" : company.EndsWith('s') ? company + "'" : company + "'s";

    private static string Capitalised(string text) => char.ToUpperInvariant(text[0]) + text[1..];

    private T Pick<T>(params T[] items) => items[_random.Next(items.Length)];
}
