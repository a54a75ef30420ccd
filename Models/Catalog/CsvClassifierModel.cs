using ModelDsl.Checkpoints;
using ModelDsl.Data;
using ModelDsl.Explain;
using ModelDsl.Training;
using TorchSharp;

namespace ModelDsl.Models.Catalog;

/// <summary>
/// A binary classifier of a record read from a real CSV file (<c>--data</c>) by its generated <c>XxxCsvReader</c>:
/// rows split in file order (70 % train, 15 % validation, 15 % test, as <c>credit-mlp</c> splits), the featurizer fitted on
/// the training split, ML.NET baselines on the same columns and rows. Subclasses connect one generated model.
/// </summary>
/// <typeparam name="TRecord">The feature record.</typeparam>
/// <typeparam name="TModule">The generated module.</typeparam>
/// <typeparam name="TTrainer">The generated trainer.</typeparam>
internal abstract class CsvClassifierModel<TRecord, TModule, TTrainer> : ShippedModel
    where TModule : torch.nn.Module<torch.Tensor, torch.Tensor>
    where TTrainer : ModelTrainer<TModule>
{
    /// <summary>The class the model's probability is for, e.g. "default".</summary>
    protected abstract string PositiveClass { get; }

    /// <summary>What <c>--data</c> must be, for the message when it is missing.</summary>
    protected abstract string DataHint { get; }

    /// <summary>The model's declared training options.</summary>
    protected abstract TrainingOptions DeclaredOptions { get; }

    /// <summary>The featurizer's column groups (one per property), for explanations.</summary>
    protected abstract IReadOnlyList<FeatureGroup> Groups { get; }

    /// <summary>
    /// The featurizer's groups over the columns integrated gradients attribute: after the embeddings when the model embeds
    /// enums (the featurizer's <c>EmbeddedPropertyGroups</c>), else <see cref="Groups"/>.
    /// </summary>
    protected virtual IReadOnlyList<FeatureGroup> AttributionGroups => Groups;

    /// <summary>The featurized columns holding an embedded enum's member index (the featurizer's <c>EmbeddedIndexColumns</c>); none by default.</summary>
    protected virtual IReadOnlyList<EmbeddedIndexColumn> EmbeddedColumns => [];

    /// <summary>A seeded trainer around a new module.</summary>
    protected abstract TTrainer Create(TrainingOptions options);

    /// <summary>Reads records and their 0/1 targets (1 = <see cref="PositiveClass"/>).</summary>
    protected abstract CsvRecords<TRecord, float> ReadLabelled(string path);

    /// <summary>Reads records only (for <c>predict</c>).</summary>
    protected abstract IReadOnlyList<TRecord> ReadRecords(string path);

    protected abstract void FitFeaturizer(TTrainer trainer, IReadOnlyList<TRecord> training);

    protected abstract void LoadFeaturizer(TTrainer trainer, CheckpointInfo checkpoint);

    protected abstract InMemoryDataset ToDataset(TTrainer trainer, IReadOnlyList<TRecord> records, IReadOnlyList<float> targets);

    protected abstract double[] Predict(TTrainer trainer, IReadOnlyList<TRecord> records);

    public override TrainOutcome Train(TrainRequest request, TextWriter log)
    {
        TrainingOptions options = RunArtifacts.Apply(DeclaredOptions, request);
        string path = request.DataPath ?? throw new ModelDsl.Models.Cli.CliException($"{Name} trains on a file: pass --data {DataHint}.");
        (List<TRecord> records, List<float> targets) = Load(path, log);
        int trainEnd = TrainEnd(records.Count), testStart = TestStart(records.Count);
        RequireBothClasses(targets, 0, trainEnd, "training", path);
        RequireBothClasses(targets, trainEnd, testStart, "validation", path);
        RequireBothClasses(targets, testStart, targets.Count, "test", path);

        using TTrainer trainer = Create(options);
        (InMemoryDataset train, InMemoryDataset validation, InMemoryDataset test) = FeaturizedSplits(trainer, records, targets);
        using (train)
        using (validation)
        using (test)
            return BinaryRecordTraining.Run(trainer, Name, train, validation, test, request, options, log, EmbeddedColumns);
    }

    public override string ExportData(ExportDataRequest request, TextWriter log)
    {
        string path = request.DataPath ?? throw new ModelDsl.Models.Cli.CliException($"{Name} reads a file: pass --data {DataHint}.");
        (List<TRecord> records, List<float> targets) = Load(path, log);
        int seed = request.Seed ?? DeclaredOptions.Seed;
        using TTrainer trainer = Create(DeclaredOptions with { Seed = seed });
        (InMemoryDataset train, InMemoryDataset validation, InMemoryDataset test) = FeaturizedSplits(trainer, records, targets);
        using (train)
        using (validation)
        using (test)
            return WriteData(request, seed, train, validation, test, trainer.CheckpointFiles());
    }

    /// <summary>train's splits, featurized with statistics fitted on the training split only (the trainer keeps them).</summary>
    private (InMemoryDataset Train, InMemoryDataset Validation, InMemoryDataset Test) FeaturizedSplits(TTrainer trainer, List<TRecord> records, List<float> targets)
    {
        int trainEnd = TrainEnd(records.Count), testStart = TestStart(records.Count);
        FitFeaturizer(trainer, records[..trainEnd]);
        return (ToDataset(trainer, records[..trainEnd], targets[..trainEnd]),
            ToDataset(trainer, records[trainEnd..testStart], targets[trainEnd..testStart]),
            ToDataset(trainer, records[testStart..], targets[testStart..]));
    }

    public override EvaluateOutcome Evaluate(EvaluateRequest request, TextWriter log)
    {
        using TTrainer trainer = LoadTrainer(request.Checkpoint, request.Device, out CheckpointInfo checkpoint);
        (string? dataPath, bool trainedOn) = RunArtifacts.Data(checkpoint, request.DataPath, log);
        (List<TRecord> records, List<float> targets) = Load(dataPath ?? throw MissingData(), log);
        // The run's own file is scored on its test split only; another file is scored whole.
        int from = trainedOn ? TestStart(records.Count) : 0;
        using InMemoryDataset data = ToDataset(trainer, records[from..], targets[from..]);
        EvaluationResult result = trainer.Evaluate(data, trainer.Options);
        return new EvaluateOutcome(Name, result.Values.ToDictionary(v => v.Key, v => v.Value), checkpoint.Directory);
    }

    public override void Predict(PredictRequest request, TextWriter output)
    {
        using TTrainer trainer = LoadTrainer(request.Checkpoint, request.Device, out _);
        IReadOnlyList<TRecord> records = ReadRecords(request.InputPath);
        WriteProbabilities(output, PositiveClass, Predict(trainer, records));
    }

    public override void PredictOnnx(string onnxPath, string inputPath, TextWriter output) =>
        WriteProbabilities(output, PositiveClass, OnnxProbabilities<TRecord>(onnxPath, SpecHashOf<TModule>(), () => (ReadRecords(inputPath), null)));

    public override ExplainOutcome Explain(ExplainRequest request, TextWriter output)
    {
        using TTrainer trainer = LoadTrainer(request.Checkpoint, request.Device, out CheckpointInfo checkpoint);
        (string? dataPath, _) = RunArtifacts.Data(checkpoint, request.DataPath, output);
        string path = dataPath ?? throw MissingData();
        (List<TRecord> records, List<float> targets) = Load(path, output);
        // The rows train held out for its test figure: explaining on training rows would rank what the network memorised.
        int trainEnd = TrainEnd(records.Count), from = TestStart(records.Count);
        using InMemoryDataset heldOut = ToDataset(trainer, records[from..], targets[from..]);
        using InMemoryDataset training = ToDataset(trainer, records[..trainEnd], targets[..trainEnd]);
        string rows = $"data rows {from + 1}–{records.Count} of {path} (the test split, the last 15 %, as train held it out)";
        var explainer = new SequenceExplainer(new ClassifierExplanation<TModule>(trainer, PositiveClass), Groups.Select(g => g.Name).ToList());
        return explainer.Explain(Name, heldOut, rows, training.Features, request.OutDir, output, Groups, AttributionGroups);
    }

    private TTrainer LoadTrainer(string checkpointPath, string device, out CheckpointInfo checkpoint)
    {
        TTrainer trainer = RunArtifacts.LoadTrainer<TTrainer, TModule>(checkpointPath, device, DeclaredOptions, Create, out checkpoint);
        LoadFeaturizer(trainer, checkpoint);
        return trainer;
    }

    private (List<TRecord>, List<float>) Load(string path, TextWriter log)
    {
        CsvRecords<TRecord, float> data = ReadLabelled(path);
        log.WriteLine($"data: {data.Count} rows from {path} ({data.Targets.Count(t => t == 1)} {PositiveClass})");
        return (data.Records.ToList(), data.Targets.ToList());
    }

    private ModelDsl.Models.Cli.CliException MissingData() =>
        new($"{Name} needs its data: pass --data {DataHint} (the run records no data file).");

    /// <summary>Where the validation split starts: rows before it train (70 %).</summary>
    private static int TrainEnd(int rows) => (int)(rows * 0.7);

    /// <summary>Where the test split starts: the last 15 % of rows.</summary>
    private static int TestStart(int rows) => (int)(rows * 0.85);

    private void RequireBothClasses(List<float> targets, int from, int to, string split, string path)
    {
        if (from < to && targets.Skip(from).Take(to - from).Distinct().Count() > 1)
            return;
        throw new InvalidDataException(
            $"{path}: the {split} split (data rows {from + 1}–{to} of {targets.Count}) {(from < to ? "holds one class only" : "is empty")}; " +
            $"{Name} needs rows of both classes ({PositiveClass} and not) in every split, so the file needs more rows.");
    }
}
