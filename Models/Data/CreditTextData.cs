using ModelDsl.Data;
using TorchSharp;

namespace ModelDsl.Models.Data;

/// <summary>
/// Default data of <c>credit-text</c>: synthetic loan applicants, each with a one-sentence statement of purpose, labelled
/// by a known rule in which both carry signal the other lacks. The probability of default is the logistic of
/// <code>
///   ApplicantGenerator.Logit(record)           (debt-to-income, late payments, history, co-signer, purpose)
///   + 2.5 · [statement describes hardship]     (overdue bills, rent arrears, cut hours, collections)
///   − 2.0 · [statement describes stability]    (savings, steady or growing income, a secure job)
///   + 1.0 · [statement asks for the money urgently]
/// </code>
/// The situation and the urgency are drawn independently of the record and appear only in the text; debt-to-income, late
/// payments, history and co-signer appear only in the record; the purpose is in both. So neither a record-only nor a
/// text-only model can reach what a model reading both can.
/// </summary>
/// <remarks>
/// For a seed, the applicants are those of <see cref="ApplicantGenerator.Generate"/> (the labels differ, as the rule does).
/// The text is tokenized with GPT-2's byte-pair encoding, the tokenizer the product already ships for news-transformer:
/// no vocabulary has to be built from the training split and kept with the weights, and any statement typed at prediction
/// time encodes without unknown words. Every generated statement is shorter than <see cref="TokenLength"/> tokens, so
/// none is cut.
/// </remarks>
public sealed class CreditTextData
{
    /// <summary>Token ids per statement: the text's tokens, then <see cref="PaddingId"/> up to this length.</summary>
    public const int TokenLength = 32;

    /// <summary>Token ids range over [0, VocabularySize) (GPT-2's vocabulary).</summary>
    public const int VocabularySize = TokenizedText.VocabularySize;

    /// <summary>The id that fills a row after the statement's last token (GPT-2's end-of-text).</summary>
    public const int PaddingId = TokenizedText.Padding;

    private readonly long[] _tokenIds;

    private CreditTextData(List<LoanApplication> applicants, List<PurposeStatement> statements, long[] tokenIds, List<int> defaulted)
    {
        Applicants = applicants;
        Statements = statements;
        Texts = statements.ConvertAll(s => s.Text);
        _tokenIds = tokenIds;
        Defaulted = defaulted;
    }

    /// <summary>The applicants' records.</summary>
    public IReadOnlyList<LoanApplication> Applicants { get; }

    /// <summary>Each applicant's statement with the facts it states.</summary>
    public IReadOnlyList<PurposeStatement> Statements { get; }

    /// <summary>Each applicant's statement text (the model's text input).</summary>
    public IReadOnlyList<string> Texts { get; }

    /// <summary>1 = defaulted, 0 = repaid, drawn from <see cref="DefaultProbability"/>.</summary>
    public IReadOnlyList<int> Defaulted { get; }

    /// <summary>The number of applicants.</summary>
    public int Count => Applicants.Count;

    /// <summary>The token ids of <see cref="Texts"/>, row-major <c>[Count, TokenLength]</c>.</summary>
    public ReadOnlySpan<long> TokenIds => _tokenIds;

    /// <summary>A new int64 tensor <c>[Count, TokenLength]</c> of <see cref="TokenIds"/>; the caller disposes it.</summary>
    public torch.Tensor TokenTensor() => torch.tensor(_tokenIds, [Count, TokenLength]);

    /// <summary>Generates <paramref name="count"/> applicants with statements and labels, the same for the same seed.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    public static CreditTextData Generate(int count, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        // The record stream is ApplicantGenerator's (applicant, then label); the text has its own stream so that it does
        // not shift the records.
        var records = new Random(seed);
        var words = new Random(unchecked(seed * 7919 + 16));
        var applicants = new List<LoanApplication>(count);
        var statements = new List<PurposeStatement>(count);
        var defaulted = new List<int>(count);
        for (int i = 0; i < count; i++)
        {
            LoanApplication applicant = ApplicantGenerator.NextApplicant(records);
            PurposeStatement statement = PurposeStatementWriter.Write(applicant.Purpose, words);
            applicants.Add(applicant);
            statements.Add(statement);
            defaulted.Add(records.NextDouble() < DefaultProbability(applicant, statement) ? 1 : 0);
        }
        using torch.Tensor ids = Tokenize(statements.ConvertAll(s => s.Text));
        return new CreditTextData(applicants, statements, ids.data<long>().ToArray(), defaulted);
    }

    /// <summary>Token ids <c>[N, TokenLength]</c> of any statements (e.g. typed at prediction time), as the model reads them.</summary>
    public static torch.Tensor Tokenize(IReadOnlyList<string> texts) => new TokenizedText().Encode(texts, TokenLength);

    /// <summary>The ground-truth probability of default (the rule documented on this class).</summary>
    public static double DefaultProbability(LoanApplication applicant, PurposeStatement statement)
    {
        ArgumentNullException.ThrowIfNull(applicant);
        ArgumentNullException.ThrowIfNull(statement);
        return 1 / (1 + Math.Exp(-(ApplicantGenerator.Logit(applicant) + TextLogit(statement))));
    }

    /// <summary>The part of the rule's logit that only the statement carries.</summary>
    public static double TextLogit(PurposeStatement statement)
    {
        ArgumentNullException.ThrowIfNull(statement);
        double situation = statement.Situation switch
        {
            ApplicantSituation.Hardship => 2.5,
            ApplicantSituation.Stable => -2.0,
            _ => 0,
        };
        return situation + (statement.Urgent ? 1.0 : 0);
    }
}
