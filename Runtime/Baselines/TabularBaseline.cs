using Microsoft.ML;
using Microsoft.ML.Data;
using ModelDsl.Training;

namespace ModelDsl.Baselines;

/// <summary>
/// A binary classifier from ML.NET fitted on a <see cref="FeatureTable"/>: what a practitioner would try on the same
/// table before a network. <see cref="FitLogisticRegression"/> standardises each column (statistics of the training
/// rows) and fits an L-BFGS logistic regression; <see cref="FitGradientBoostedTrees"/> fits FastTree's gradient-boosted
/// decision trees on the columns as they are. Both are deterministic for a given seed.
/// </summary>
public sealed class TabularBaseline
{
    private const string FeaturesColumn = "Features", LabelColumn = "Label", ProbabilityColumn = "Probability";

    private readonly MLContext _context;
    private readonly ITransformer _model;
    private readonly int _columns;

    private TabularBaseline(string name, MLContext context, ITransformer model, int columns)
    {
        Name = name;
        _context = context;
        _model = model;
        _columns = columns;
    }

    /// <summary>The name printed next to the figure, e.g. <c>logistic regression</c>.</summary>
    public string Name { get; }

    /// <summary>
    /// Logistic regression on the standardised columns (ML.NET <c>LbfgsLogisticRegression</c> after
    /// <c>NormalizeMeanVariance</c>, with ML.NET's default L1 and L2 penalties).
    /// </summary>
    /// <param name="labels">0/1 per row of <paramref name="train"/>; both classes must occur.</param>
    /// <exception cref="ArgumentException">The labels do not match the rows, are not 0/1, or hold one class only.</exception>
    public static TabularBaseline FitLogisticRegression(FeatureTable train, IReadOnlyList<int> labels, int seed = 0)
    {
        var context = new MLContext(seed);
        IEstimator<ITransformer> pipeline = context.Transforms.NormalizeMeanVariance(FeaturesColumn)
            .Append(context.BinaryClassification.Trainers.LbfgsLogisticRegression(LabelColumn, FeaturesColumn));
        return Fit("logistic regression", context, pipeline, train, labels);
    }

    /// <summary>
    /// Gradient-boosted decision trees (ML.NET FastTree; <paramref name="trees"/> trees of up to <paramref name="leaves"/>
    /// leaves, each leaf holding at least <paramref name="minimumLeafExamples"/> training rows, shrinkage
    /// <paramref name="learningRate"/>).
    /// </summary>
    /// <param name="labels">0/1 per row of <paramref name="train"/>; both classes must occur.</param>
    /// <exception cref="ArgumentException">The labels do not match the rows, are not 0/1, or hold one class only.</exception>
    public static TabularBaseline FitGradientBoostedTrees(FeatureTable train, IReadOnlyList<int> labels, int seed = 0,
        int trees = 100, int leaves = 20, int minimumLeafExamples = 10, double learningRate = 0.1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(trees, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(leaves, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(minimumLeafExamples, 1);
        var context = new MLContext(seed);
        IEstimator<ITransformer> trainer = context.BinaryClassification.Trainers.FastTree(LabelColumn, FeaturesColumn,
            numberOfLeaves: leaves, numberOfTrees: trees, minimumExampleCountPerLeaf: minimumLeafExamples, learningRate: learningRate);
        return Fit("gradient-boosted trees", context, trainer, train, labels);
    }

    /// <summary>
    /// Fits both baselines on <paramref name="train"/> and scores each by ROC AUC on <paramref name="test"/>: logistic
    /// regression first, then gradient-boosted trees.
    /// </summary>
    /// <exception cref="ArgumentException">The tables differ in width, or labels do not match rows, are not 0/1, or hold one class only in training.</exception>
    public static IReadOnlyList<BaselineScore> ScoreByRocAuc(FeatureTable train, IReadOnlyList<int> trainLabels, FeatureTable test,
        IReadOnlyList<int> testLabels, int seed = 0) =>
        [
            FitLogisticRegression(train, trainLabels, seed).ScoreByRocAuc(test, testLabels),
            FitGradientBoostedTrees(train, trainLabels, seed).ScoreByRocAuc(test, testLabels),
        ];

    /// <summary>P(label = 1) for each row of <paramref name="rows"/>.</summary>
    /// <exception cref="ArgumentException">The table has another width than the training table.</exception>
    public float[] PredictProbabilities(FeatureTable rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.ColumnNames.Count != _columns)
            throw new ArgumentException($"The rows have {rows.ColumnNames.Count} columns; this {Name} was fitted on {_columns}.", nameof(rows));
        IDataView scored = _model.Transform(View(_context, rows, null));
        return scored.GetColumn<float>(ProbabilityColumn).ToArray();
    }

    /// <summary>Area under the ROC curve of <see cref="PredictProbabilities"/> for label 1 (NaN when one class is absent).</summary>
    /// <exception cref="ArgumentException">The widths differ, or the labels do not match the rows or are not 0/1.</exception>
    public double RocAuc(FeatureTable rows, IReadOnlyList<int> labels)
    {
        float[] targets = Targets(rows, labels);
        return MetricCalculator.RocAuc(PredictProbabilities(rows), targets, 1f);
    }

    /// <summary>This baseline's name and its <see cref="RocAuc"/> on <paramref name="rows"/>.</summary>
    public BaselineScore ScoreByRocAuc(FeatureTable rows, IReadOnlyList<int> labels) => new(Name, RocAuc(rows, labels));

    private static TabularBaseline Fit(string name, MLContext context, IEstimator<ITransformer> pipeline, FeatureTable train, IReadOnlyList<int> labels)
    {
        ArgumentNullException.ThrowIfNull(train);
        float[] targets = Targets(train, labels);
        if (targets.Distinct().Count() < 2)
            throw new ArgumentException($"Every training label is {targets[0]:0}; {name} needs both classes (0 and 1) to fit.", nameof(labels));
        ITransformer model = pipeline.Fit(View(context, train, targets));
        return new TabularBaseline(name, context, model, train.ColumnNames.Count);
    }

    private static float[] Targets(FeatureTable rows, IReadOnlyList<int> labels)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Count != rows.RowCount)
            throw new ArgumentException($"There are {rows.RowCount} rows but {labels.Count} labels.", nameof(labels));
        var targets = new float[labels.Count];
        for (int i = 0; i < labels.Count; i++)
            targets[i] = labels[i] is 0 or 1 ? labels[i] : throw new ArgumentException($"Label {i} is {labels[i]}; a binary baseline needs 0/1 labels.", nameof(labels));
        return targets;
    }

    /// <summary>The rows as an ML.NET data view with a vector column of the table's width (and the labels, when given).</summary>
    private static IDataView View(MLContext context, FeatureTable table, float[]? targets)
    {
        var rows = new TabularRow[table.RowCount];
        for (int i = 0; i < rows.Length; i++)
            rows[i] = new TabularRow { Features = table.Rows[i], Label = targets is not null && targets[i] == 1f };
        // The width is known only now, so the vector column's size is set on the schema rather than by an attribute.
        SchemaDefinition schema = SchemaDefinition.Create(typeof(TabularRow));
        schema[FeaturesColumn].ColumnType = new VectorDataViewType(NumberDataViewType.Single, table.ColumnNames.Count);
        return context.Data.LoadFromEnumerable(rows, schema);
    }

    /// <summary>One row as ML.NET reads it (public members, by its convention).</summary>
    private sealed class TabularRow
    {
        public float[] Features { get; set; } = [];

        public bool Label { get; set; }
    }
}
