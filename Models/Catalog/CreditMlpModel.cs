using ModelDsl.Checkpoints;
using ModelDsl.Data;
using ModelDsl.Models.Data;
using ModelDsl.Models.Declarations;
using ModelDsl.Training;

namespace ModelDsl.Models.Catalog;

/// <summary><c>credit-mlp</c>: probability of default of a loan application (synthetic applicants with a known rule by default).</summary>
internal sealed class CreditMlpModel : ShippedModel
{
    public override string Name => "credit-mlp";

    public override string Description => "MLP scoring loan applications for default risk, with explanations (--data: CSV with LoanApplication columns, UCI German Credit, or UCI credit card default).";

    public override string Summary() => CreditMlp.Summary();

    public override TrainOutcome Train(TrainRequest request, TextWriter log)
    {
        TrainingOptions options = RunArtifacts.Apply(CreditMlpTrainer.DefaultOptions, request);
        (List<LoanApplication> applicants, List<float> defaulted) = Load(request.DataPath, options.Seed, log);
        int trainEnd = TrainEnd(applicants.Count), validationEnd = TestStart(applicants.Count);
        // ROC AUC, the monitored and the reported figure, is undefined on a split with one class: say so before training
        // rather than print NaN after it.
        // The baselines fitted on the training split need both classes there too.
        RequireBothClasses(defaulted, 0, trainEnd, "training", "0–70 %", request.DataPath, "the baselines cannot be fitted");
        RequireBothClasses(defaulted, trainEnd, validationEnd, "validation", "70–85 %", request.DataPath, UndefinedAuc);
        RequireBothClasses(defaulted, validationEnd, defaulted.Count, "test", "85–100 %", request.DataPath, UndefinedAuc);

        using CreditMlpTrainer trainer = CreditMlpTrainer.Create(options);
        (InMemoryDataset train, InMemoryDataset validation, InMemoryDataset test) = FeaturizedSplits(trainer, applicants, defaulted);
        using (train)
        using (validation)
        using (test)
            return BinaryRecordTraining.Run(trainer, Name, train, validation, test, request, options, log);
    }

    /// <summary>
    /// train's splits (70/15/15 %), featurized: the standardisation is fitted on the training split only, and the trainer
    /// keeps it in every checkpoint.
    /// </summary>
    private static (InMemoryDataset Train, InMemoryDataset Validation, InMemoryDataset Test) FeaturizedSplits(
        CreditMlpTrainer trainer, List<LoanApplication> applicants, List<float> defaulted)
    {
        int trainEnd = TrainEnd(applicants.Count), validationEnd = TestStart(applicants.Count);
        trainer.FitFeaturizer(applicants[..trainEnd]);
        return (trainer.ToDataset(applicants[..trainEnd], defaulted[..trainEnd]),
            trainer.ToDataset(applicants[trainEnd..validationEnd], defaulted[trainEnd..validationEnd]),
            trainer.ToDataset(applicants[validationEnd..], defaulted[validationEnd..]));
    }

    public override EvaluateOutcome Evaluate(EvaluateRequest request, TextWriter log)
    {
        using CreditMlpTrainer trainer = LoadTrainer(request.Checkpoint, request.Device, out CheckpointInfo checkpoint);
        (string? dataPath, bool trainedOn) = RunArtifacts.Data(checkpoint, request.DataPath, log);
        (List<LoanApplication> applicants, List<float> defaulted) = Load(dataPath, RunArtifacts.Seed(checkpoint, CreditMlpTrainer.DefaultOptions.Seed), log);
        // The run's own data is scored on its test split only; another file is scored whole.
        int from = trainedOn ? TestStart(applicants.Count) : 0;
        EvaluationResult result = trainer.Evaluate(applicants[from..], defaulted[from..], trainer.Options);
        return new EvaluateOutcome(Name, result.Values.ToDictionary(v => v.Key, v => v.Value), checkpoint.Directory);
    }

    public override string ExportData(ExportDataRequest request, TextWriter log)
    {
        int seed = request.Seed ?? CreditMlpTrainer.DefaultOptions.Seed;
        (List<LoanApplication> applicants, List<float> defaulted) = Load(request.DataPath, seed, log);
        using CreditMlpTrainer trainer = CreditMlpTrainer.Create(CreditMlpTrainer.DefaultOptions with { Seed = seed });
        (InMemoryDataset train, InMemoryDataset validation, InMemoryDataset test) = FeaturizedSplits(trainer, applicants, defaulted);
        using (train)
        using (validation)
        using (test)
        {
            log.WriteLine($"splits: {train.Count} training, {validation.Count} validation, {test.Count} test rows (70/15/15 %, as train splits them)");
            return WriteData(request, seed, train, validation, test, trainer.CheckpointFiles());
        }
    }

    public override void Predict(PredictRequest request, TextWriter output)
    {
        using CreditMlpTrainer trainer = LoadTrainer(request.Checkpoint, request.Device, out _);
        (List<LoanApplication> applicants, _) = CreditDataReader.Read(request.InputPath);
        WriteProbabilities(output, "default", trainer.Predict(applicants));
    }

    public override void PredictOnnx(string onnxPath, string inputPath, TextWriter output)
    {
        WriteProbabilities(output, "default", OnnxProbabilities<LoanApplication>(onnxPath, CreditMlp.SpecHash, () => (CreditDataReader.Read(inputPath).Applicants, null)));
    }

    protected override (TorchSharp.torch.nn.Module Module, string SpecHash) NewModule() => (new CreditMlp(), CreditMlp.SpecHash);

    public override ExplainOutcome Explain(ExplainRequest request, TextWriter output)
    {
        using CreditMlpTrainer trainer = LoadTrainer(request.Checkpoint, request.Device, out CheckpointInfo checkpoint);
        (string? dataPath, _) = RunArtifacts.Data(checkpoint, request.DataPath, output);
        (List<LoanApplication> applicants, List<float> defaulted) = Load(dataPath, RunArtifacts.Seed(checkpoint, CreditMlpTrainer.DefaultOptions.Seed), output);
        // The rows train held out for its test figure (any file is split as train splits it): explaining on training rows
        // would rank what the network memorised.
        int trainEnd = TrainEnd(applicants.Count), from = TestStart(applicants.Count);
        using InMemoryDataset heldOut = trainer.ToDataset(applicants[from..], defaulted[from..]);
        using InMemoryDataset training = trainer.ToDataset(applicants[..trainEnd], defaulted[..trainEnd]);
        string rows = $"data rows {from + 1}–{applicants.Count} of {dataPath ?? "the generated applicants"} (the test split, the last 15 %, as train held it out)";
        IReadOnlyList<Explain.FeatureGroup> groups = CreditMlpFeaturizer.PropertyGroups;
        var explainer = new SequenceExplainer(new ClassifierExplanation<CreditMlp>(trainer, "default"), groups.Select(g => g.Name).ToList());
        return explainer.Explain(Name, heldOut, rows, training.Features, request.OutDir, output, groups);
    }

    /// <summary>Where the validation split starts: rows before it train (70 %).</summary>
    private static int TrainEnd(int rows) => (int)(rows * 0.7);

    /// <summary>Where the test split starts: the last 15 % of rows.</summary>
    private static int TestStart(int rows) => (int)(rows * 0.85);

    private static (List<LoanApplication>, List<float>) Load(string? dataPath, int seed, TextWriter log)
    {
        if (dataPath is null)
        {
            log.WriteLine($"data: 6000 synthetic applicants (seed {seed}); default rule documented in ApplicantGenerator");
            (List<LoanApplication> generated, List<int> labels) = ApplicantGenerator.Generate(6000, seed);
            return (generated, labels.ConvertAll(d => (float)d));
        }
        (List<LoanApplication> applicants, List<int>? defaulted) = CreditDataReader.Read(dataPath);
        if (defaulted is null)
            throw new InvalidDataException($"{dataPath}: training and evaluation need a 'Defaulted' column (0/1).");
        log.WriteLine($"data: {applicants.Count} applicants from {dataPath}");
        return (applicants, defaulted.ConvertAll(d => (float)d));
    }

    private const string UndefinedAuc = "its ROC AUC is undefined";

    private static void RequireBothClasses(List<float> defaulted, int from, int to, string split, string share, string? dataPath, string consequence)
    {
        if (from < to && defaulted.Skip(from).Take(to - from).Distinct().Count() > 1)
            return;
        string holds = from < to ? $"holds only applicants with Defaulted = {defaulted[from]:0}" : "is empty";
        throw new InvalidDataException(
            $"{dataPath ?? "the data"}: the {split} split (data rows {from + 1}–{to}, the {share} part of {defaulted.Count} rows) {holds}, " +
            $"so {consequence}; the file needs more rows, with defaulted and repaid applicants in that part too.");
    }

    /// <summary>A trainer with the checkpoint's weights and the featurizer fitted with them.</summary>
    private static CreditMlpTrainer LoadTrainer(string checkpointPath, string device, out CheckpointInfo checkpoint)
    {
        CreditMlpTrainer trainer = RunArtifacts.LoadTrainer<CreditMlpTrainer, CreditMlp>(checkpointPath, device, CreditMlpTrainer.DefaultOptions,
            options => new CreditMlpTrainer(new CreditMlp(), options) { OwnsModel = true }, out checkpoint);
        trainer.LoadFeaturizer(checkpoint);
        return trainer;
    }
}
