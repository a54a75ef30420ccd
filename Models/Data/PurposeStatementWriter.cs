namespace ModelDsl.Models.Data;

/// <summary>
/// Writes the statements of <see cref="CreditTextData"/>: an opening, a phrase for the record's purpose, a clause for the
/// situation and, when urgent, an urgency phrase, each picked from a few variants. The three kinds of clause use separate
/// words, so a bag of words can tell them apart, and the purpose phrase matches the record's <see cref="LoanPurpose"/>.
/// </summary>
internal static class PurposeStatementWriter
{
    private static readonly string[] Openings =
    [
        "I would like to", "I am asking for this loan to", "The money will help me", "I plan to", "I need the funds to",
        "We would use the loan to",
    ];

    private static readonly Dictionary<LoanPurpose, string[]> Purposes = new()
    {
        [LoanPurpose.DebtConsolidation] =
        [
            "consolidate my credit card balances", "pay off two store cards", "combine my existing loans into one",
            "clear the balance on my credit cards", "merge several small debts",
        ],
        [LoanPurpose.Car] =
        [
            "buy a family car", "replace my old car", "buy a used van for commuting", "pay for a reliable second-hand car",
            "get a car for the school run",
        ],
        [LoanPurpose.Home] =
        [
            "renovate the kitchen", "repair the roof of our house", "put new windows in the flat", "redo the bathroom",
            "insulate the attic before winter",
        ],
        [LoanPurpose.Business] =
        [
            "buy an oven for my bakery", "expand my small workshop", "stock my online shop", "start a cleaning business",
            "lease a food truck",
        ],
        [LoanPurpose.Vacation] =
        [
            "take the family on holiday", "pay for a trip abroad", "go on our honeymoon", "book a summer vacation",
            "visit relatives overseas",
        ],
    };

    private static readonly Dictionary<ApplicantSituation, string[]> Situations = new()
    {
        [ApplicantSituation.Hardship] =
        [
            ", because several bills are overdue", ", since I am behind on rent", " after my hours at work were cut",
            " while a collection agency keeps calling", ", as my last two payments bounced", " because I am in arrears on utilities",
        ],
        [ApplicantSituation.Neutral] = ["", " this year", " in the spring", " with a fixed monthly payment", " over the next three years"],
        [ApplicantSituation.Stable] =
        [
            ", and I have savings as a cushion", " on my steady salary", " after a recent promotion", " with a secure permanent job",
            ", as my income has grown every year",
        ],
    };

    private static readonly string[] Urgencies = [" as soon as possible", " urgently", ", please, this week"];

    /// <summary>
    /// Draws the situation (hardship 25 %, stable 30 %, neutral 45 %) and urgency (30 %) independently of the record, then
    /// writes the sentence for <paramref name="purpose"/>.
    /// </summary>
    public static PurposeStatement Write(LoanPurpose purpose, Random random)
    {
        double draw = random.NextDouble();
        ApplicantSituation situation = draw < 0.25 ? ApplicantSituation.Hardship : draw < 0.55 ? ApplicantSituation.Stable : ApplicantSituation.Neutral;
        bool urgent = random.NextDouble() < 0.3;
        string text = Pick(Openings, random) + " " + Pick(Purposes[purpose], random) + Pick(Situations[situation], random)
            + (urgent ? Pick(Urgencies, random) : "") + ".";
        return new PurposeStatement(text, situation, urgent);
    }

    private static string Pick(string[] variants, Random random) => variants[random.Next(variants.Length)];
}
