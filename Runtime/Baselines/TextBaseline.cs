using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Text;

namespace ModelDsl.Baselines;

/// <summary>
/// TF-IDF features and a linear classifier from ML.NET, the reference a text network should beat: the text is
/// lower-cased and split into words; word unigrams and bigrams and character trigrams are weighted by TF-IDF (document
/// frequencies of the training texts), the vector is L2-normalised, and a multinomial logistic regression
/// (<c>LbfgsMaximumEntropy</c>, L2 penalty only) is fitted on it. Works for two classes or more; deterministic for a
/// given seed. <see cref="FitChoosingPenalty"/> picks the penalty on validation texts, as a practitioner would: ML.NET's
/// default penalties (L1 and L2 of 1) are too strong for short sentences (Financial PhraseBank: 0.80 instead of 0.9).
/// </summary>
public sealed class TextBaseline
{
    private const string TextColumn = "Text", LabelColumn = "Label", FeaturesColumn = "Features", PredictedColumn = "PredictedLabel";

    private readonly MLContext _context;
    private readonly ITransformer _model;
    private readonly int _classes;

    private TextBaseline(MLContext context, ITransformer model, int classes, double penalty)
    {
        _context = context;
        _model = model;
        _classes = classes;
        Penalty = penalty;
    }

    /// <summary>The penalties <see cref="FitChoosingPenalty"/> tries, strongest first.</summary>
    public static IReadOnlyList<double> Penalties { get; } = [1, 0.1, 0.01];

    /// <summary>The L2 penalty the regression was fitted with.</summary>
    public double Penalty { get; }

    /// <summary>The name printed next to the figure.</summary>
    public static string Name => "TF-IDF + logistic regression";

    /// <summary>
    /// Fits one regression per <see cref="Penalties"/> on the training texts and keeps the one most accurate on the
    /// validation texts (the stronger penalty on a tie).
    /// </summary>
    /// <exception cref="ArgumentException">As <see cref="Fit"/>, for either set.</exception>
    public static TextBaseline FitChoosingPenalty(IReadOnlyList<string> texts, IReadOnlyList<int> labels,
        IReadOnlyList<string> validationTexts, IReadOnlyList<int> validationLabels, int seed = 0)
    {
        TextBaseline? best = null;
        double bestAccuracy = double.NegativeInfinity;
        foreach (double penalty in Penalties)
        {
            TextBaseline candidate = Fit(texts, labels, seed, penalty);
            double accuracy = candidate.Accuracy(validationTexts, validationLabels);
            if (accuracy > bestAccuracy)
                (best, bestAccuracy) = (candidate, accuracy);
        }
        return best!;
    }

    /// <summary>Fits on <paramref name="texts"/> with class indices <paramref name="labels"/> (0 … classes − 1).</summary>
    /// <param name="penalty">The L2 penalty on the weights (no L1).</param>
    /// <exception cref="ArgumentException">There are no texts, the counts differ, a label is negative, only one class occurs, or the penalty is negative.</exception>
    public static TextBaseline Fit(IReadOnlyList<string> texts, IReadOnlyList<int> labels, int seed = 0, double penalty = 0.1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(penalty);
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(labels);
        if (texts.Count == 0)
            throw new ArgumentException("The text baseline needs at least one training text.", nameof(texts));
        int classes = CheckLabels(texts, labels) + 1;
        if (labels.Distinct().Count() < 2)
            throw new ArgumentException($"Every training label is {labels[0]}; the text baseline needs at least two classes.", nameof(labels));
        var context = new MLContext(seed);
        var featurizer = new TextFeaturizingEstimator.Options
        {
            CaseMode = TextNormalizingEstimator.CaseMode.Lower,
            WordFeatureExtractor = new WordBagEstimator.Options { NgramLength = 2, UseAllLengths = true, Weighting = NgramExtractingEstimator.WeightingCriteria.TfIdf },
            CharFeatureExtractor = new WordBagEstimator.Options { NgramLength = 3, UseAllLengths = false, Weighting = NgramExtractingEstimator.WeightingCriteria.TfIdf },
            Norm = TextFeaturizingEstimator.NormFunction.L2,
        };
        IEstimator<ITransformer> pipeline = context.Transforms.Text.FeaturizeText(FeaturesColumn, featurizer, TextColumn)
            .Append(context.MulticlassClassification.Trainers.LbfgsMaximumEntropy(LabelColumn, FeaturesColumn,
                l1Regularization: 0, l2Regularization: (float)penalty));
        ITransformer model = pipeline.Fit(View(context, texts, labels, classes));
        return new TextBaseline(context, model, classes, penalty);
    }

    /// <summary>The predicted class index for each text.</summary>
    public int[] Predict(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        IDataView scored = _model.Transform(View(_context, texts, null, _classes));
        // Key values count from 1 (0 is "missing"); the class index is one less.
        return scored.GetColumn<uint>(PredictedColumn).Select(key => (int)key - 1).ToArray();
    }

    /// <summary>The fraction of <paramref name="texts"/> whose predicted class equals its label.</summary>
    /// <exception cref="ArgumentException">There are no texts, the counts differ, or a label is negative.</exception>
    public double Accuracy(IReadOnlyList<string> texts, IReadOnlyList<int> labels)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(labels);
        if (texts.Count == 0)
            throw new ArgumentException("Accuracy needs at least one text.", nameof(texts));
        CheckLabels(texts, labels);
        int[] predicted = Predict(texts);
        return predicted.Where((p, i) => p == labels[i]).Count() / (double)predicted.Length;
    }

    /// <summary>This baseline's name and its <see cref="Accuracy"/> on <paramref name="texts"/>.</summary>
    public BaselineScore ScoreByAccuracy(IReadOnlyList<string> texts, IReadOnlyList<int> labels) => new(Name, Accuracy(texts, labels));

    /// <summary>The largest label, after checking the counts match and no label is negative.</summary>
    private static int CheckLabels(IReadOnlyList<string> texts, IReadOnlyList<int> labels)
    {
        if (labels.Count != texts.Count)
            throw new ArgumentException($"There are {texts.Count} texts but {labels.Count} labels.", nameof(labels));
        int largest = 0;
        for (int i = 0; i < labels.Count; i++)
            largest = labels[i] >= 0 ? Math.Max(largest, labels[i]) : throw new ArgumentException($"Label {i} is {labels[i]}; class labels must be 0 or greater.", nameof(labels));
        return largest;
    }

    private static IDataView View(MLContext context, IReadOnlyList<string> texts, IReadOnlyList<int>? labels, int classes)
    {
        var rows = new TextRow[texts.Count];
        for (int i = 0; i < rows.Length; i++)
            // ML.NET loads a key field as the 0-based class index (the key value is one more). Without labels, and for a
            // class unseen in training, the index is out of range, which ML.NET reads as a missing key.
            rows[i] = new TextRow { Text = texts[i] ?? "", Label = labels is null ? (uint)classes : (uint)Math.Min(labels[i], classes) };
        SchemaDefinition schema = SchemaDefinition.Create(typeof(TextRow));
        schema[LabelColumn].ColumnType = new KeyDataViewType(typeof(uint), classes);
        return context.Data.LoadFromEnumerable(rows, schema);
    }

    /// <summary>One row as ML.NET reads it.</summary>
    private sealed class TextRow
    {
        public string Text { get; set; } = "";

        public uint Label { get; set; }
    }
}
