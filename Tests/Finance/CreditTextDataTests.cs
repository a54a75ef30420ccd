using ModelDsl.Baselines;
using ModelDsl.Devices;
using ModelDsl.Models.Data;
using ModelDsl.Models.Declarations;
using ModelDsl.Training;
using TorchSharp;
using Xunit.Abstractions;

namespace ModelDsl.Tests.Finance;

/// <summary>
/// credit-text's default data: reproducible, tokenized without truncation, labelled by the documented rule, and built so
/// that the record and the statement each carry signal the other lacks.
/// </summary>
public sealed class CreditTextDataTests(ITestOutputHelper output)
{
    // The record of ApplicantGeneratorTests' "safe" case: rule logit −2.2 + 0 + 0 − 1.5 − 1.0 + 0 = −4.7.
    private static readonly LoanApplication Safe = new(
        Income: 40_000, LoanAmount: 10_000, DebtToIncome: 0.2, CreditHistoryYears: 10, LatePayments: 0,
        Home: HomeOwnership.Rent, Purpose: LoanPurpose.Car, HasCoSigner: true, ApplicationDayOfWeek: 2, NoiseScore: 50);

    private static double Logistic(double logit) => 1 / (1 + Math.Exp(-logit));

    [Fact]
    public void Same_seed_gives_the_same_data_and_the_records_of_the_applicant_generator()
    {
        CreditTextData first = CreditTextData.Generate(300, seed: 9);
        CreditTextData again = CreditTextData.Generate(300, seed: 9);
        CreditTextData other = CreditTextData.Generate(300, seed: 10);

        Assert.Equal(first.Texts, again.Texts);
        Assert.Equal(first.TokenIds.ToArray(), again.TokenIds.ToArray());
        Assert.Equal(first.Defaulted, again.Defaulted);
        Assert.NotEqual(first.Texts, other.Texts);
        // credit-mlp and credit-text see the same applicants for a seed; only the labels' rule differs.
        Assert.Equal(ApplicantGenerator.Generate(300, seed: 9).Applicants, first.Applicants);
    }

    [Fact]
    public void Default_probability_adds_the_statements_terms_to_the_record_rule()
    {
        var neutral = new PurposeStatement("I plan to buy a family car.", ApplicantSituation.Neutral, Urgent: false);
        Assert.Equal(Logistic(-4.7), CreditTextData.DefaultProbability(Safe, neutral), 12);
        // −4.7 + 2.5 (hardship) + 1.0 (urgent) = −1.2
        Assert.Equal(Logistic(-1.2), CreditTextData.DefaultProbability(Safe, neutral with { Situation = ApplicantSituation.Hardship, Urgent = true }), 12);
        // −4.7 − 2.0 (stable) = −6.7
        Assert.Equal(Logistic(-6.7), CreditTextData.DefaultProbability(Safe, neutral with { Situation = ApplicantSituation.Stable }), 12);
        // The text decides nothing about the record part: a risky record stays risky with the same statement.
        Assert.Equal(Logistic(4.8 + 2.5), CreditTextData.DefaultProbability(
            Safe with { DebtToIncome = 0.5, CreditHistoryYears = 3, LatePayments = 2, HasCoSigner = false, Purpose = LoanPurpose.Business },
            neutral with { Situation = ApplicantSituation.Hardship }), 12);
    }

    [Fact]
    public void Statements_are_varied_match_the_purpose_and_fit_the_token_length_uncut()
    {
        TorchNative.EnsureLoaded();
        CreditTextData data = CreditTextData.Generate(2000, seed: 42);

        int distinct = data.Texts.Distinct().Count();
        output.WriteLine($"{distinct} distinct statements in 2000");
        Assert.True(distinct >= 300, $"only {distinct} distinct statements");
        Assert.All(data.Texts, t => Assert.Matches(@"^[A-Z][A-Za-z ,'-]+\.$", t));
        // The record's purpose and the statement agree (spot words, one per purpose, that only that purpose's phrases use).
        for (int i = 0; i < data.Count; i++)
            if (data.Texts[i].Contains("car", StringComparison.Ordinal) && !data.Texts[i].Contains("card", StringComparison.Ordinal))
                Assert.Equal(LoanPurpose.Car, data.Applicants[i].Purpose);

        ReadOnlySpan<long> ids = data.TokenIds;
        Assert.Equal(data.Count * CreditTextData.TokenLength, ids.Length);
        int longest = 0;
        for (int row = 0; row < data.Count; row++)
        {
            ReadOnlySpan<long> tokens = ids.Slice(row * CreditTextData.TokenLength, CreditTextData.TokenLength);
            int length = tokens.IndexOf((long)CreditTextData.PaddingId);
            // A row with no padding could have been cut; every statement must end before the last position.
            Assert.True(length > 0, $"statement {row} fills all {CreditTextData.TokenLength} tokens: '{data.Texts[row]}'");
            Assert.True(tokens[length..].ToArray().All(t => t == CreditTextData.PaddingId), $"statement {row} has tokens after padding");
            longest = Math.Max(longest, length);
        }
        output.WriteLine($"longest statement: {longest} tokens of {CreditTextData.TokenLength}");

        using torch.Tensor again = CreditTextData.Tokenize([data.Texts[7]]);
        Assert.Equal(ids.Slice(7 * CreditTextData.TokenLength, CreditTextData.TokenLength).ToArray(), again.data<long>().ToArray());
    }

    [Fact]
    public void Record_alone_and_text_alone_each_score_clearly_below_both_together()
    {
        TorchNative.EnsureLoaded();
        using var scope = torch.NewDisposeScope();
        CreditTextData data = CreditTextData.Generate(6000, seed: 42);
        const int trainEnd = 4200;
        float[] labels = data.Defaulted.Select(d => (float)d).ToArray();
        float[] testLabels = labels[trainEnd..];
        double rate = labels.Average();
        Assert.InRange(rate, 0.2, 0.5);

        // Oracles: the rule's logit (ranks like its probability, without float ties near 0 and 1), and its record part (the best a record-only model can rank: E[p | record] grows with it).
        double both = Auc(Enumerable.Range(trainEnd, data.Count - trainEnd).Select(i => ApplicantGenerator.Logit(data.Applicants[i]) + CreditTextData.TextLogit(data.Statements[i])), testLabels);
        double recordPart = Auc(data.Applicants.Skip(trainEnd).Select(ApplicantGenerator.Logit), testLabels);

        // Learned: logistic regressions on the record's 16 featurized columns, on a bag of the statement's GPT-2 tokens, and on both.
        List<LoanApplication> train = data.Applicants.Take(trainEnd).ToList();
        CreditMlpFeaturizer featurizer = CreditMlpFeaturizer.Fit(train);
        torch.Tensor records = featurizer.ToTensor(data.Applicants);
        torch.Tensor words = BagOfTokens(data, trainEnd);
        torch.Tensor y = torch.tensor(labels);
        double recordOnly = FitAndScore(records, y, trainEnd);
        double textOnly = FitAndScore(words, y, trainEnd);
        double combined = FitAndScore(torch.cat([records, words], 1), y, trainEnd);

        output.WriteLine($"default rate {rate:F3}; test ROC AUC: rule {both:F3}, rule's record part {recordPart:F3}; " +
            $"logistic regression on record {recordOnly:F3}, on text tokens {textOnly:F3}, on both {combined:F3}");
        Assert.True(both >= recordPart + 0.05, $"the text adds too little to the record: rule {both:F3}, record part {recordPart:F3}");
        Assert.True(both >= recordOnly + 0.05, $"record-only regression {recordOnly:F3} is too close to the rule {both:F3}");
        Assert.True(both >= textOnly + 0.1, $"text-only regression {textOnly:F3} is too close to the rule {both:F3}");
        Assert.True(textOnly >= 0.65, $"the text alone carries too little signal ({textOnly:F3})");
        Assert.True(combined >= Math.Max(recordOnly, textOnly) + 0.03,
            $"reading both ({combined:F3}) must beat the record ({recordOnly:F3}) and the text ({textOnly:F3}) alone");
    }

    /// <summary>0/1 columns, one per token id seen in the training rows (padding excluded).</summary>
    private static torch.Tensor BagOfTokens(CreditTextData data, int trainEnd)
    {
        ReadOnlySpan<long> ids = data.TokenIds;
        var columns = new Dictionary<long, int>();
        for (int i = 0; i < trainEnd * CreditTextData.TokenLength; i++)
            if (ids[i] != CreditTextData.PaddingId && !columns.ContainsKey(ids[i]))
                columns[ids[i]] = columns.Count;
        var bag = new float[data.Count * columns.Count];
        for (int row = 0; row < data.Count; row++)
            for (int k = 0; k < CreditTextData.TokenLength; k++)
                if (columns.TryGetValue(ids[row * CreditTextData.TokenLength + k], out int column))
                    bag[row * columns.Count + column] = 1;
        return torch.tensor(bag, [data.Count, columns.Count]);
    }

    private static double FitAndScore(torch.Tensor features, torch.Tensor labels, int trainEnd)
    {
        int[] classes = labels.to(torch.int32).data<int>().ToArray();
        return TabularBaseline.FitLogisticRegression(FeatureTable.FromTensor(features[..trainEnd]), classes[..trainEnd])
            .RocAuc(FeatureTable.FromTensor(features[trainEnd..]), classes[trainEnd..]);
    }

    private static double Auc(IEnumerable<double> scores, float[] labels) =>
        MetricCalculator.RocAuc(scores.Select(s => (float)s).ToArray(), labels, 1f);
}
