using ModelDsl.Baselines;
using ModelDsl.Checkpoints;
using ModelDsl.Data;
using ModelDsl.Models.Data;
using ModelDsl.Models.Declarations;
using ModelDsl.Training;
using TorchSharp;

namespace ModelDsl.Models.Catalog;

/// <summary><c>news-transformer</c>: sentiment of financial news sentences with a small Transformer encoder over GPT-2 tokens.</summary>
internal sealed class NewsTransformerModel : ShippedModel
{
    private const int Length = 32;

    public override string Name => "news-transformer";

    public override string Description => "2-layer Transformer encoder classifying financial news as negative/neutral/positive (--data file.csv: text, label).";

    public override string Summary() => NewsTransformer.Summary();

    public override TrainOutcome Train(TrainRequest request, TextWriter log)
    {
        TrainingOptions options = RunArtifacts.Apply(NewsTransformerTrainer.DefaultOptions with { Monitor = "val_loss" }, request);
        (InMemoryDataset train, InMemoryDataset validation, InMemoryDataset test) = Load(request.DataPath, options.Seed, log);
        using (train)
        using (validation)
        using (test)
        {
            using NewsTransformerTrainer trainer = NewsTransformerTrainer.Create(options);
            TrainerSnapshot? resume = RunArtifacts.Prepare(trainer, request, options, nameof(NewsTransformer), log);
            TrainingHistory history = trainer.Fit(train, validation, options, resume);
            string checkpoint = RunArtifacts.Finish(history, request, "news-transformer");
            EvaluationResult result = trainer.Evaluate(test, options);
            var majority = MajorityClassBaseline.Fit(train.Labels.data<long>().ToArray().Select(l => (int)l).ToList());
            double baseline = majority.Accuracy(test.Labels.data<long>().ToArray().Select(l => (int)l).ToList());
            return new TrainOutcome(Name, history.Epochs.Count, result.Values.ToDictionary(v => v.Key, v => v.Value), "accuracy",
                $"majority class ({NewsCorpus.Labels[majority.MajorityClass]})", baseline, checkpoint, 0);
        }
    }

    public override EvaluateOutcome Evaluate(EvaluateRequest request, TextWriter log)
    {
        (InMemoryDataset train, InMemoryDataset validation, InMemoryDataset test) = Load(request.DataPath, NewsTransformerTrainer.DefaultOptions.Seed, log);
        using (train)
        using (validation)
        using (test)
        {
            using NewsTransformerTrainer trainer = LoadTrainer(request.Checkpoint, request.Device, out CheckpointInfo checkpoint);
            EvaluationResult result = trainer.Evaluate(test, trainer.Options);
            return new EvaluateOutcome(Name, result.Values.ToDictionary(v => v.Key, v => v.Value), checkpoint.Directory);
        }
    }

    public override void Predict(PredictRequest request, TextWriter output)
    {
        string[] lines = File.ReadAllLines(request.InputPath).Where(l => l.Trim().Length > 0).ToArray();
        if (lines.Length == 0)
            throw new InvalidDataException($"{request.InputPath}: no sentences (one per line expected).");
        using NewsTransformerTrainer trainer = LoadTrainer(request.Checkpoint, request.Device, out _);
        using torch.Tensor ids = new TokenizedText().Encode(lines, Length);
        using torch.Tensor probabilities = trainer.Predict(ids).cpu();
        output.WriteLine("sentiment,probability,text");
        for (int i = 0; i < lines.Length; i++)
        {
            long best = probabilities[i].argmax().item<long>();
            output.WriteLine($"{NewsCorpus.Labels[best]},{probabilities[i, best].item<float>():F4},\"{lines[i].Replace("\"", "\"\"")}\"");
        }
    }

    public override ExplainOutcome Explain(ExplainRequest request, TextWriter output) =>
        throw new Cli.CliException("explain is available for credit-mlp, price-lstm and fashion-cnn; token attributions for news-transformer are not implemented yet.");

    private static (InMemoryDataset Train, InMemoryDataset Validation, InMemoryDataset Test) Load(string? dataPath, int seed, TextWriter log)
    {
        (List<string> texts, List<int> labels) = dataPath is null ? NewsCorpus.Generate(3000, seed) : NewsCorpus.Read(dataPath);
        log.WriteLine(dataPath is null ? $"data: generated corpus of {texts.Count} sentences (seed {seed})" : $"data: {texts.Count} sentences from {dataPath}");
        // A seeded shuffle, then 70/15/15.
        int[] order = Enumerable.Range(0, texts.Count).OrderBy(_ => 0).ToArray();
        new Random(seed).Shuffle(order);
        var tokenizer = new TokenizedText();
        InMemoryDataset Make(IEnumerable<int> rows)
        {
            int[] r = rows.ToArray();
            return new InMemoryDataset(tokenizer.Encode(r.Select(i => texts[i]).ToList(), Length), torch.tensor(r.Select(i => (long)labels[i]).ToArray()));
        }
        int trainEnd = (int)(order.Length * 0.7), validationEnd = (int)(order.Length * 0.85);
        return (Make(order[..trainEnd]), Make(order[trainEnd..validationEnd]), Make(order[validationEnd..]));
    }

    private static NewsTransformerTrainer LoadTrainer(string checkpointPath, string device, out CheckpointInfo checkpoint) =>
        RunArtifacts.LoadTrainer<NewsTransformerTrainer, NewsTransformer>(checkpointPath, device, NewsTransformerTrainer.DefaultOptions,
            options => new NewsTransformerTrainer(new NewsTransformer(), options), out checkpoint);
}
