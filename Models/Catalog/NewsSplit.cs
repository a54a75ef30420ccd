using ModelDsl.Baselines;
using ModelDsl.Data;
using ModelDsl.Models.Data;
using TorchSharp;

namespace ModelDsl.Models.Catalog;

/// <summary>
/// The sentences and labels a news-sentiment model trains on, and which of them (by index) form the training, validation
/// and test splits: news-transformer and news-minilm split alike, so their figures and baselines are on the same sentences.
/// </summary>
internal sealed record NewsSplit(List<string> AllTexts, List<int> AllLabels, int[] Train, int[] Validation, int[] Test)
{
    /// <summary>The corpus (generated, or read from <paramref name="dataPath"/>), shuffled with <paramref name="seed"/> and split 70/15/15.</summary>
    public static NewsSplit Load(string? dataPath, int seed, int generatedSentences, TextWriter log)
    {
        (List<string> texts, List<int> labels) = dataPath is null ? NewsCorpus.Generate(generatedSentences, seed) : NewsCorpus.Read(dataPath);
        log.WriteLine(dataPath is null ? $"data: generated corpus of {texts.Count} sentences (seed {seed})" : $"data: {texts.Count} sentences from {dataPath}");
        int[] order = Enumerable.Range(0, texts.Count).ToArray();
        new Random(seed).Shuffle(order);
        int trainEnd = (int)(order.Length * 0.7), validationEnd = (int)(order.Length * 0.85);
        return new NewsSplit(texts, labels, order[..trainEnd], order[trainEnd..validationEnd], order[validationEnd..]);
    }

    public List<string> Texts(int[] rows) => rows.Select(i => AllTexts[i]).ToList();

    public List<int> Labels(int[] rows) => rows.Select(i => AllLabels[i]).ToList();

    /// <summary>
    /// The three splits as token ids (<paramref name="length"/> per sentence, from <paramref name="encoder"/>) and class
    /// labels, the ids named <paramref name="input"/> (the model's input, so exported shards carry the name the PyTorch
    /// twin's INPUTS give).
    /// </summary>
    public (InMemoryDataset Train, InMemoryDataset Validation, InMemoryDataset Test) Datasets(ITextEncoder encoder, int length, string input) =>
        (Dataset(Train, encoder, length, input), Dataset(Validation, encoder, length, input), Dataset(Test, encoder, length, input));

    /// <summary>The sentences <paramref name="rows"/> as one dataset, as <see cref="Datasets"/> makes each split.</summary>
    public InMemoryDataset Dataset(int[] rows, ITextEncoder encoder, int length, string input) =>
        new(new ModelInputs((input, encoder.Encode(Texts(rows), length))), torch.tensor(rows.Select(i => (long)AllLabels[i]).ToArray()));

    /// <summary>
    /// The majority class and TF-IDF + logistic regression on the test sentences, both fitted on the training ones (TF-IDF
    /// chooses its penalty on the validation ones; it sees whole words, the networks their first tokens). The TF-IDF
    /// model's macro-F1 is logged beside its accuracy, the networks' second figure.
    /// </summary>
    public BaselineScore[] Baselines(int seed, TextWriter log)
    {
        var majority = MajorityClassBaseline.Fit(Labels(Train));
        TextBaseline tfIdf = TextBaseline.FitChoosingPenalty(Texts(Train), Labels(Train), Texts(Validation), Labels(Validation), seed);
        List<int> testLabels = Labels(Test);
        log.WriteLine($"baseline {TextBaseline.Name}: test macro-F1 {MacroF1(tfIdf.Predict(Texts(Test)), testLabels, NewsCorpus.Labels.Length):F4}");
        return
        [
            new($"majority class ({NewsCorpus.Labels[majority.MajorityClass]})", majority.Accuracy(testLabels)),
            tfIdf.ScoreByAccuracy(Texts(Test), testLabels),
        ];
    }

    // F1 per class averaged over the classes that occur in the labels or the predictions (scikit-learn's macro average).
    private static double MacroF1(IReadOnlyList<int> predicted, IReadOnlyList<int> labels, int classes)
    {
        double sum = 0;
        int counted = 0;
        for (int c = 0; c < classes; c++)
        {
            int truePositive = 0, predictedCount = 0, actualCount = 0;
            for (int i = 0; i < labels.Count; i++)
            {
                predictedCount += predicted[i] == c ? 1 : 0;
                actualCount += labels[i] == c ? 1 : 0;
                truePositive += predicted[i] == c && labels[i] == c ? 1 : 0;
            }
            if (predictedCount + actualCount == 0)
                continue;
            sum += 2.0 * truePositive / (predictedCount + actualCount);
            counted++;
        }
        return counted == 0 ? double.NaN : sum / counted;
    }
}
