using ModelDsl.Baselines;
using ModelDsl.Checkpoints;
using ModelDsl.Data;
using ModelDsl.Models.Data;
using ModelDsl.Models.Declarations;
using ModelDsl.Training;
using TorchSharp;

namespace ModelDsl.Models.Catalog;

/// <summary><c>credit-mlp</c>: probability of default of a loan application (synthetic applicants with a known rule by default).</summary>
internal sealed class CreditMlpModel : ShippedModel
{
    private const string FeaturizerFile = "featurizer.json";

    public override string Name => "credit-mlp";

    public override string Description => "MLP scoring loan applications for default risk, with explanations (--data applicants.csv, columns named like LoanApplication).";

    public override string Summary() => CreditMlp.Summary();

    public override TrainOutcome Train(TrainRequest request, TextWriter log)
    {
        TrainingOptions options = RunArtifacts.Apply(CreditMlpTrainer.DefaultOptions, request);
        (List<LoanApplication> applicants, List<int> defaulted) = Load(request.DataPath, options.Seed, log);
        int trainEnd = (int)(applicants.Count * 0.7), validationEnd = (int)(applicants.Count * 0.85);
        CreditFeaturizer featurizer = CreditFeaturizer.Fit(applicants[..trainEnd]);
        Directory.CreateDirectory(request.OutDir);
        featurizer.Save(Path.Combine(request.OutDir, FeaturizerFile));

        using InMemoryDataset train = featurizer.Dataset(applicants[..trainEnd], defaulted[..trainEnd]);
        using InMemoryDataset validation = featurizer.Dataset(applicants[trainEnd..validationEnd], defaulted[trainEnd..validationEnd]);
        using InMemoryDataset test = featurizer.Dataset(applicants[validationEnd..], defaulted[validationEnd..]);
        using CreditMlpTrainer trainer = CreditMlpTrainer.Create(options);
        TrainerSnapshot? resume = RunArtifacts.Prepare(trainer, request, options, nameof(CreditMlp), log);
        TrainingHistory history = trainer.Fit(train, validation, options, resume);
        string checkpoint = RunArtifacts.Finish(history, request, "credit-mlp");
        EvaluationResult result = trainer.Evaluate(test, options);

        using LogisticRegressionBaseline baseline = LogisticRegressionBaseline.Fit(train.Features, train.Labels);
        double baselineAuc = baseline.RocAuc(test.Features, test.Labels);
        return new TrainOutcome(Name, history.Epochs.Count, result.Values.ToDictionary(v => v.Key, v => v.Value), "roc_auc",
            "logistic regression", baselineAuc, checkpoint, 0);
    }

    public override EvaluateOutcome Evaluate(EvaluateRequest request, TextWriter log)
    {
        using CreditMlpTrainer trainer = LoadTrainer(request.Checkpoint, request.Device, out CheckpointInfo checkpoint, out CreditFeaturizer featurizer);
        (List<LoanApplication> applicants, List<int> defaulted) = Load(request.DataPath, CreditMlpTrainer.DefaultOptions.Seed, log);
        int from = request.DataPath is null ? (int)(applicants.Count * 0.85) : 0;
        using InMemoryDataset test = featurizer.Dataset(applicants[from..], defaulted[from..]);
        EvaluationResult result = trainer.Evaluate(test, trainer.Options);
        return new EvaluateOutcome(Name, result.Values.ToDictionary(v => v.Key, v => v.Value), checkpoint.Directory);
    }

    public override void Predict(PredictRequest request, TextWriter output)
    {
        using CreditMlpTrainer trainer = LoadTrainer(request.Checkpoint, request.Device, out _, out CreditFeaturizer featurizer);
        (List<LoanApplication> applicants, _) = CreditDataReader.Read(request.InputPath);
        output.WriteLine("row,probability_of_default");
        for (int i = 0; i < applicants.Count; i++)
            output.WriteLine($"{i + 1},{PredictDefault(trainer, featurizer, applicants[i]):F4}");
    }

    /// <summary>The typed prediction: probability that <paramref name="application"/> defaults.</summary>
    public static double PredictDefault(CreditMlpTrainer trainer, CreditFeaturizer featurizer, LoanApplication application)
    {
        using torch.Tensor row = torch.tensor(featurizer.Transform(application), [1, CreditFeaturizer.Width]);
        using torch.Tensor probability = trainer.Predict(row).cpu();
        return probability[0].item<float>();
    }

    public override ExplainOutcome Explain(ExplainRequest request, TextWriter output)
    {
        using CreditMlpTrainer trainer = LoadTrainer(request.Checkpoint, request.Device, out _, out CreditFeaturizer featurizer);
        (List<LoanApplication> applicants, List<int> defaulted) = Load(request.DataPath, CreditMlpTrainer.DefaultOptions.Seed, output);
        int from = request.DataPath is null ? (int)(applicants.Count * 0.85) : 0;
        using InMemoryDataset heldOut = featurizer.Dataset(applicants[from..], defaulted[from..]);
        var explainer = new SequenceExplainer(new ClassifierExplanation<CreditMlp>(trainer), CreditFeaturizer.Groups.Select(g => g.Name).ToList());
        return explainer.Explain(Name, heldOut, request.OutDir, output, CreditFeaturizer.Groups);
    }

    private static (List<LoanApplication>, List<int>) Load(string? dataPath, int seed, TextWriter log)
    {
        if (dataPath is null)
        {
            log.WriteLine($"data: 6000 synthetic applicants (seed {seed}); default rule documented in ApplicantGenerator");
            return ApplicantGenerator.Generate(6000, seed);
        }
        (List<LoanApplication> applicants, List<int>? defaulted) = CreditDataReader.Read(dataPath);
        if (defaulted is null)
            throw new InvalidDataException($"{dataPath}: training and evaluation need a 'Defaulted' column (0/1).");
        log.WriteLine($"data: {applicants.Count} applicants from {dataPath}");
        return (applicants, defaulted);
    }

    private static CreditMlpTrainer LoadTrainer(string checkpointPath, string device, out CheckpointInfo checkpoint, out CreditFeaturizer featurizer)
    {
        CreditMlpTrainer trainer = RunArtifacts.LoadTrainer<CreditMlpTrainer, CreditMlp>(checkpointPath, device, CreditMlpTrainer.DefaultOptions,
            options => new CreditMlpTrainer(new CreditMlp(), options), out checkpoint);
        // The run folder holds checkpoints/epoch-NNNN and the featurizer fitted on that run's training data.
        string runFolder = Path.GetDirectoryName(Path.GetDirectoryName(checkpoint.Directory)!)!;
        string featurizerPath = Path.Combine(runFolder, FeaturizerFile);
        if (!File.Exists(featurizerPath))
            throw new InvalidDataException($"{featurizerPath} is missing: the featurizer fitted with this checkpoint's training data is needed.");
        featurizer = CreditFeaturizer.Load(featurizerPath);
        return trainer;
    }
}
