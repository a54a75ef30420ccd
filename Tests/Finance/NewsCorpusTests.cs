using ModelDsl.Models.Data;
using ModelDsl.Tests.Support;

namespace ModelDsl.Tests.Finance;

/// <summary>The generated news corpus and the labelled-sentence CSV reader.</summary>
public sealed class NewsCorpusTests
{
    [Fact]
    public void Same_seed_gives_the_same_corpus_with_all_three_labels()
    {
        var first = NewsCorpus.Generate(600, seed: 4);
        var again = NewsCorpus.Generate(600, seed: 4);
        var other = NewsCorpus.Generate(600, seed: 5);

        Assert.Equal(first.Texts, again.Texts);
        Assert.Equal(first.Labels, again.Labels);
        Assert.NotEqual(first.Texts, other.Texts);
        // Roughly 30 / 40 / 30 per cent.
        Assert.InRange(first.Labels.Count(l => l == 0), 140, 220);
        Assert.InRange(first.Labels.Count(l => l == 1), 200, 280);
        Assert.InRange(first.Labels.Count(l => l == 2), 140, 220);
    }

    [Fact]
    public void Sentiment_words_separate_the_classes_while_distractor_words_appear_in_every_class()
    {
        var (texts, labels) = NewsCorpus.Generate(3000, seed: 1);
        bool Has(int label, string word) => texts.Where((_, i) => labels[i] == label).Any(t => t.Contains(word, StringComparison.Ordinal));

        Assert.True(Has(0, "fell") && !Has(2, "fell") && !Has(1, "fell"));
        Assert.True(Has(2, "rose") && !Has(0, "rose") && !Has(1, "rose"));
        foreach (string distractor in new[] { "profit", "according to a stock exchange release", "analysts said" })
            Assert.True(Has(0, distractor) && Has(1, distractor) && Has(2, distractor), $"'{distractor}' should occur in every class");
    }

    [Fact]
    public void Csv_with_sentence_and_sentiment_columns_is_read_with_quoted_commas()
    {
        using var folder = new TemporaryFolder();
        string path = folder.Write("news.csv", "Sentence,Sentiment\n\"Sales rose, the firm said\",positive\nThe AGM is in May,NEUTRAL\nLoss widened,0\n");

        var (texts, labels) = NewsCorpus.Read(path);

        Assert.Equal(["Sales rose, the firm said", "The AGM is in May", "Loss widened"], texts);
        Assert.Equal([2, 1, 0], labels);
    }

    [Fact]
    public void Unknown_label_and_missing_text_column_are_named()
    {
        using var folder = new TemporaryFolder();
        string badLabel = folder.Write("bad.csv", "text,label\nfine,neutral\nodd,bullish\n");
        string noText = folder.Write("notext.csv", "headline,label\nx,neutral\n");

        var labelError = Assert.Throws<InvalidDataException>(() => NewsCorpus.Read(badLabel));
        Assert.Contains($"{badLabel}:3:", labelError.Message);
        Assert.Contains("bullish", labelError.Message);
        var columnError = Assert.Throws<InvalidDataException>(() => NewsCorpus.Read(noText));
        Assert.Contains("'text'", columnError.Message);
        Assert.Contains("headline", columnError.Message);
    }

    [SkippableFact]
    public void Reads_the_real_financial_phrasebank_file()
    {
        string path = Path.Combine(RepositoryPaths.SharedData, "fin-sentiment", "Sentences_AllAgree.csv");
        Skip.IfNot(File.Exists(path), $"{path} is absent");

        var (texts, labels) = NewsCorpus.Read(path);

        Assert.Equal(2264, texts.Count);
        Assert.Equal(303, labels.Count(l => l == 0));
        Assert.Equal(1391, labels.Count(l => l == 1));
        Assert.Equal(570, labels.Count(l => l == 2));
    }
}
