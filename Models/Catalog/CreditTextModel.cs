using ModelDsl.Baselines;
using ModelDsl.Checkpoints;
using ModelDsl.Data;
using ModelDsl.Explain;
using ModelDsl.Models.Cli;
using ModelDsl.Models.Data;
using ModelDsl.Models.Declarations;
using ModelDsl.Training;
using TorchSharp;

namespace ModelDsl.Models.Catalog;

/// <summary>
/// <c>credit-text</c>: loan default from a <see cref="LoanApplication"/> record and the applicant's statement of purpose, a
/// two-input graph. <c>train</c> also trains the record-only and statement-only halves on the same split, so the printed
/// figures show what each input adds.
/// </summary>
internal sealed class CreditTextModel : ShippedModel
{
    /// <summary>Synthetic applicants the default data holds.</summary>
    public const int DefaultCount = 6000;

    public override string Name => "credit-text";

    public override string Description => "Record + free-text statement of purpose → probability of default (two-input graph; synthetic applicants, rule in CreditTextData).";

    public override string Summary() => CreditText.Summary();

    public override string ExportData(ExportDataRequest request, TextWriter log)
    {
        if (request.DataPath is not null)
            throw new CliException("credit-text trains on its synthetic applicants only (the rule is documented in docs/models.md); drop --data.");
        int seed = request.Seed ?? CreditTextTrainer.DefaultOptions.Seed;
        CreditTextData data = CreditTextData.Generate(DefaultCount, seed);
        Split split = Split.Of(data);
        log.WriteLine($"data: {data.Count} synthetic applicants with statements (seed {seed}), split as train splits them");
        using CreditTextTrainer trainer = CreditTextTrainer.Create(CreditTextTrainer.DefaultOptions with { Seed = seed });
        // The record's standardisation is fitted on the training records only, as train fits it; statements are tokenized.
        trainer.FitFeaturizer(split.Applicants(data, 0, split.TrainEnd));
        InMemoryDataset Part(int from, int to) => trainer.ToDataset(split.Applicants(data, from, to), split.Texts(data, from, to), split.Targets(data, from, to));
        using InMemoryDataset train = Part(0, split.TrainEnd);
        using InMemoryDataset validation = Part(split.TrainEnd, split.ValidationEnd);
        using InMemoryDataset test = Part(split.ValidationEnd, data.Count);
        return WriteData(request, seed, train, validation, test, trainer.CheckpointFiles());
    }

    public override TrainOutcome Train(TrainRequest request, TextWriter log)
    {
        if (request.DataPath is not null)
            throw new CliException("credit-text trains on its synthetic applicants only (the rule is documented in docs/models.md); drop --data.");
        TrainingOptions options = RunArtifacts.Apply(CreditTextTrainer.DefaultOptions, request);
        CreditTextData data = CreditTextData.Generate(DefaultCount, options.Seed);
        Split split = Split.Of(data);
        log.WriteLine($"data: {data.Count} synthetic applicants with statements (seed {options.Seed}): {split.TrainEnd} training, " +
            $"{split.ValidationEnd - split.TrainEnd} validation, {data.Count - split.ValidationEnd} test");

        using CreditTextTrainer trainer = CreditTextTrainer.Create(options);
        // Standardisation is fitted on the training records only; the trainer keeps it in every checkpoint.
        trainer.FitFeaturizer(split.Applicants(data, 0, split.TrainEnd));
        TrainerSnapshot? resume = RunArtifacts.Prepare(trainer, request, options, log);
        TrainingHistory history = trainer.Fit(
            split.Applicants(data, 0, split.TrainEnd), split.Texts(data, 0, split.TrainEnd), split.Targets(data, 0, split.TrainEnd),
            split.Applicants(data, split.TrainEnd, split.ValidationEnd), split.Texts(data, split.TrainEnd, split.ValidationEnd),
            split.Targets(data, split.TrainEnd, split.ValidationEnd), options);
        string checkpoint = RunArtifacts.Finish(history, request, Name);
        EvaluationResult result = trainer.Evaluate(split.Applicants(data, split.ValidationEnd, data.Count), split.Texts(data, split.ValidationEnd, data.Count),
            split.Targets(data, split.ValidationEnd, data.Count), options);

        // The two halves, trained with the same options and split, and cheap models on the record's columns with and
        // without the statement's word counts: the combined network has to beat them all.
        double recordOnly = TrainRecordOnly(data, split, options);
        double wordsOnly = TrainWordsOnly(data, split, options);
        log.WriteLine($"test ROC AUC: record + statement {result["roc_auc"]:F4}, record only {recordOnly:F4}, statement only {wordsOnly:F4}");
        var baselines = new List<BaselineScore> { new("record-only network", recordOnly), new("statement-only network", wordsOnly) };
        baselines.AddRange(CheapBaselines(trainer, data, split, options.Seed));
        return new TrainOutcome(Name, history.Epochs.Count, result.Values.ToDictionary(v => v.Key, v => v.Value), "roc_auc",
            baselines, checkpoint, 0, history);
    }

    /// <summary>
    /// Logistic regression and gradient-boosted trees on the featurized record, then on the record plus the counts of the
    /// statement words seen at least five times in training (a bag of words: the cheap way to use both inputs).
    /// </summary>
    private static IEnumerable<BaselineScore> CheapBaselines(CreditTextTrainer trainer, CreditTextData data, Split split, int seed)
    {
        int[] trainLabels = data.Defaulted.Take(split.TrainEnd).ToArray(), testLabels = data.Defaulted.Skip(split.ValidationEnd).ToArray();
        using torch.Tensor trainRecords = trainer.Featurizer!.ToTensor(split.Applicants(data, 0, split.TrainEnd));
        using torch.Tensor testRecords = trainer.Featurizer!.ToTensor(split.Applicants(data, split.ValidationEnd, data.Count));
        foreach (BaselineScore score in TabularBaseline.ScoreByRocAuc(FeatureTable.FromTensor(trainRecords), trainLabels,
                     FeatureTable.FromTensor(testRecords), testLabels, seed))
            yield return score with { Name = score.Name + " (record)" };

        List<string> vocabulary = split.Texts(data, 0, split.TrainEnd).SelectMany(Words).GroupBy(w => w)
            .Where(g => g.Count() >= 5).Select(g => g.Key).Order(StringComparer.Ordinal).ToList();
        var index = vocabulary.Select((word, i) => (word, i)).ToDictionary(p => p.word, p => p.i);
        FeatureTable Both(torch.Tensor records, List<string> texts)
        {
            float[][] features = records.data<float>().ToArray().Chunk((int)records.shape[1]).Select((row, r) =>
            {
                var counts = new float[vocabulary.Count];
                foreach (string word in Words(texts[r]))
                    if (index.TryGetValue(word, out int column))
                        counts[column]++;
                return row.Concat(counts).ToArray();
            }).ToArray();
            return new FeatureTable(features);
        }
        foreach (BaselineScore score in TabularBaseline.ScoreByRocAuc(Both(trainRecords, split.Texts(data, 0, split.TrainEnd)), trainLabels,
                     Both(testRecords, split.Texts(data, split.ValidationEnd, data.Count)), testLabels, seed))
            yield return score with { Name = score.Name + " (record + word counts)" };
    }

    private static IEnumerable<string> Words(string text) =>
        text.ToLowerInvariant().Split([' ', ',', '.', ';', ':', '!', '?', '\'', '"'], StringSplitOptions.RemoveEmptyEntries);

    public override EvaluateOutcome Evaluate(EvaluateRequest request, TextWriter log)
    {
        if (request.DataPath is not null)
            throw new CliException("credit-text evaluates on its synthetic test split only; drop --data.");
        using CreditTextTrainer trainer = LoadTrainer(request.Checkpoint, request.Device, out CheckpointInfo checkpoint);
        CreditTextData data = CreditTextData.Generate(DefaultCount, RunArtifacts.Seed(checkpoint, CreditTextTrainer.DefaultOptions.Seed));
        Split split = Split.Of(data);
        EvaluationResult result = trainer.Evaluate(split.Applicants(data, split.ValidationEnd, data.Count), split.Texts(data, split.ValidationEnd, data.Count),
            split.Targets(data, split.ValidationEnd, data.Count), trainer.Options with { Device = request.Device });
        return new EvaluateOutcome(Name, result.Values.ToDictionary(v => v.Key, v => v.Value), checkpoint.Directory);
    }

    /// <summary>Reads a CSV of <see cref="LoanApplication"/> columns plus a <c>Statement</c> column and prints one probability per row.</summary>
    public override void Predict(PredictRequest request, TextWriter output)
    {
        using CreditTextTrainer trainer = LoadTrainer(request.Checkpoint, request.Device, out _);
        (List<LoanApplication> applicants, List<string> statements) = ReadExamples(request.InputPath);
        WriteProbabilities(output, "default", trainer.Predict(applicants, statements));
    }

    /// <summary>As <see cref="Predict"/>, from an exported file: the raw record columns and the statement's GPT-2 token ids, tokenized as the trainer tokenizes them.</summary>
    public override void PredictOnnx(string onnxPath, string inputPath, TextWriter output) =>
        WriteProbabilities(output, "default", OnnxProbabilities<LoanApplication>(onnxPath, CreditText.SpecHash, () =>
        {
            (List<LoanApplication> applicants, List<string> statements) = ReadExamples(inputPath);
            return (applicants, new Dictionary<string, Array> { [StatementInput] = new TokenizedText().EncodeIds(statements, CreditTextData.TokenLength) });
        }));

    /// <summary>The name of the statement's token input, as declared on <see cref="CreditText"/>.</summary>
    private const string StatementInput = "statement";

    /// <summary>The applicants of a CSV of <see cref="LoanApplication"/> columns and each one's <c>Statement</c> column.</summary>
    private static (List<LoanApplication> Applicants, List<string> Statements) ReadExamples(string path)
    {
        (List<LoanApplication> applicants, _) = CreditDataReader.Read(path);
        CsvTable table = CsvTable.Read(path, "Statement");
        return (applicants, Enumerable.Range(0, table.Count).Select(row => table.Text(row, "Statement")).ToList());
    }

    /// <summary>Permutation importance on the test split: one group per record property and one for the whole statement.</summary>
    public override ExplainOutcome Explain(ExplainRequest request, TextWriter output)
    {
        if (request.DataPath is not null)
            throw new CliException("credit-text explains its synthetic test split only; drop --data.");
        using CreditTextTrainer trainer = LoadTrainer(request.Checkpoint, request.Device, out CheckpointInfo checkpoint);
        CreditTextData data = CreditTextData.Generate(DefaultCount, RunArtifacts.Seed(checkpoint, CreditTextTrainer.DefaultOptions.Seed));
        Split split = Split.Of(data);
        using ModelInputs inputs = trainer.ToInputs(split.Applicants(data, split.ValidationEnd, data.Count), split.Texts(data, split.ValidationEnd, data.Count));
        float[] targets = split.Targets(data, split.ValidationEnd, data.Count).ToArray();
        var groups = FeatureGroup.InInput("applicant", CreditTextFeaturizer.PropertyGroups).Append(FeatureGroup.WholeInput("statement")).ToList();
        IReadOnlyList<FeatureImportance> ranking = PermutationImportance.Compute(
            batch => { using var scope = torch.NewDisposeScope(); return trainer.Predict(batch).cpu().data<float>().ToArray(); },
            inputs, targets, (predicted, actual) => MetricCalculator.RocAuc(predicted, actual, 1f), groups, repeats: 3, seed: 1);

        output.WriteLine($"Permutation importance on the {targets.Length} test applicants (test rows {split.ValidationEnd + 1}–{data.Count}; drop in ROC AUC when a record field or the whole statement is shuffled):");
        output.WriteLine($"{"feature",-28} {"importance",10} {"± std",8}");
        foreach (FeatureImportance item in ranking)
            output.WriteLine($"{item.Feature,-28} {item.Importance,10:F4} {item.StandardDeviation,8:F4}");
        Directory.CreateDirectory(request.OutDir);
        string chart = Path.Combine(request.OutDir, "permutation-importance.png");
        ChartWriter.Bars(ranking.Select(r => (r.Feature, r.Importance)).ToList(), chart, $"{Name}: permutation importance");
        return new ExplainOutcome(Name, ranking.Select(r => (r.Feature, r.Importance)).ToList(), [chart]);
    }

    protected override (torch.nn.Module Module, string SpecHash) NewModule() => (new CreditText(), CreditText.SpecHash);

    private static double TrainRecordOnly(CreditTextData data, Split split, TrainingOptions options)
    {
        using CreditTextRecordOnlyTrainer trainer = CreditTextRecordOnlyTrainer.Create(Half(CreditTextRecordOnlyTrainer.DefaultOptions, options));
        trainer.Fit(split.Applicants(data, 0, split.TrainEnd), split.Targets(data, 0, split.TrainEnd),
            split.Applicants(data, split.TrainEnd, split.ValidationEnd), split.Targets(data, split.TrainEnd, split.ValidationEnd));
        return trainer.Evaluate(split.Applicants(data, split.ValidationEnd, data.Count), split.Targets(data, split.ValidationEnd, data.Count))["roc_auc"];
    }

    private static double TrainWordsOnly(CreditTextData data, Split split, TrainingOptions options)
    {
        using CreditTextWordsOnlyTrainer trainer = CreditTextWordsOnlyTrainer.Create(Half(CreditTextWordsOnlyTrainer.DefaultOptions, options));
        trainer.Fit(split.Texts(data, 0, split.TrainEnd), split.Targets(data, 0, split.TrainEnd),
            split.Texts(data, split.TrainEnd, split.ValidationEnd), split.Targets(data, split.TrainEnd, split.ValidationEnd));
        return trainer.Evaluate(split.Texts(data, split.ValidationEnd, data.Count), split.Targets(data, split.ValidationEnd, data.Count))["roc_auc"];
    }

    /// <summary>A half's declared options with the run's epochs, seed, device, learning rate and batch size, so the comparison is like for like.</summary>
    private static TrainingOptions Half(TrainingOptions declared, TrainingOptions run) => declared with
    {
        Epochs = run.Epochs,
        Seed = run.Seed,
        Device = run.Device,
        LearningRate = run.LearningRate,
        BatchSize = run.BatchSize,
    };

    private static CreditTextTrainer LoadTrainer(string checkpointPath, string device, out CheckpointInfo checkpoint)
    {
        CreditTextTrainer trainer = RunArtifacts.LoadTrainer<CreditTextTrainer, CreditText>(checkpointPath, device, CreditTextTrainer.DefaultOptions,
            options => new CreditTextTrainer(new CreditText(), options) { OwnsModel = true }, out checkpoint);
        trainer.LoadFeaturizer(checkpoint);
        return trainer;
    }

    /// <summary>The 70 / 15 / 15 split of credit-mlp: training, validation (monitored), test.</summary>
    private sealed record Split(int TrainEnd, int ValidationEnd)
    {
        public static Split Of(CreditTextData data) => new((int)(data.Count * 0.7), (int)(data.Count * 0.85));

        public List<LoanApplication> Applicants(CreditTextData data, int from, int to) => data.Applicants.Skip(from).Take(to - from).ToList();

        public List<string> Texts(CreditTextData data, int from, int to) => data.Texts.Skip(from).Take(to - from).ToList();

        public List<float> Targets(CreditTextData data, int from, int to) => data.Defaulted.Skip(from).Take(to - from).Select(d => (float)d).ToList();
    }
}
