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

    /// <summary>The padding id the model declares (TokenizedText's), from which its padding mask is computed.</summary>
    private static readonly long PaddingId = NewsTransformer.Inputs[0].PaddingId!.Value;

    // Enough sentences for the rule's combinations (metric × direction, negation, contrast) to be learnt rather than memorised.
    private const int GeneratedSentences = 8000;

    public override string Name => "news-transformer";

    public override string Description => "2-layer Transformer encoder classifying financial news as negative/neutral/positive (--data file.csv: text, label).";

    public override string Summary() => NewsTransformer.Summary();

    public override string ExportData(ExportDataRequest request, TextWriter log)
    {
        int seed = request.Seed ?? NewsTransformerTrainer.DefaultOptions.Seed;
        (InMemoryDataset train, InMemoryDataset validation, InMemoryDataset test) = NewsSplit.Load(request.DataPath, seed, log).Datasets();
        using (train)
        using (validation)
        using (test)
            return WriteData(request, seed, train, validation, test);
    }

    public override TrainOutcome Train(TrainRequest request, TextWriter log)
    {
        TrainingOptions options = RunArtifacts.Apply(NewsTransformerTrainer.DefaultOptions with { Monitor = "val_loss" }, request);
        NewsSplit split = NewsSplit.Load(request.DataPath, options.Seed, log);
        (InMemoryDataset train, InMemoryDataset validation, InMemoryDataset test) = split.Datasets();
        using (train)
        using (validation)
        using (test)
        {
            using NewsTransformerTrainer trainer = NewsTransformerTrainer.Create(options);
            TrainerSnapshot? resume = RunArtifacts.Prepare(trainer, request, options, log);
            TrainingHistory history = trainer.Fit(train, validation, options, resume);
            string checkpoint = RunArtifacts.Finish(history, request, "news-transformer");
            EvaluationResult result = trainer.Evaluate(test, options);
            // Both on the sentences the network trains and is tested on (TF-IDF chooses its penalty on the validation ones);
            // TF-IDF sees whole words, the network its first 32 tokens.
            var majority = MajorityClassBaseline.Fit(split.Labels(split.Train));
            BaselineScore[] baselines =
            [
                new($"majority class ({NewsCorpus.Labels[majority.MajorityClass]})", majority.Accuracy(split.Labels(split.Test))),
                TextBaseline.FitChoosingPenalty(split.Texts(split.Train), split.Labels(split.Train), split.Texts(split.Validation), split.Labels(split.Validation), options.Seed)
                    .ScoreByAccuracy(split.Texts(split.Test), split.Labels(split.Test)),
            ];
            return new TrainOutcome(Name, history.Epochs.Count, result.Values.ToDictionary(v => v.Key, v => v.Value), "accuracy",
                baselines, checkpoint, 0, history);
        }
    }

    public override EvaluateOutcome Evaluate(EvaluateRequest request, TextWriter log)
    {
        using NewsTransformerTrainer trainer = LoadTrainer(request.Checkpoint, request.Device, out CheckpointInfo checkpoint);
        // The run's seed shuffled the sentences before the split: the same seed gives the same test sentences.
        (InMemoryDataset train, InMemoryDataset validation, InMemoryDataset test) =
            NewsSplit.Load(RunArtifacts.Data(checkpoint, request.DataPath, log).Path, RunArtifacts.Seed(checkpoint, NewsTransformerTrainer.DefaultOptions.Seed), log).Datasets();
        using (train)
        using (validation)
        using (test)
        {
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

    protected override (TorchSharp.torch.nn.Module Module, string SpecHash) NewModule() => (new NewsTransformer(), NewsTransformer.SpecHash);

    /// <summary>
    /// Token occlusion for held-out sentences: each token is replaced by the input's padding id in turn, and the drop in
    /// the predicted class's probability is that token's contribution. The model's padding mask derives from that id, so
    /// an occluded token is masked: hidden from attention and from the mean, exactly as if the mask alone removed it.
    /// Printed per sentence and charted for the first.
    /// </summary>
    public override ExplainOutcome Explain(ExplainRequest request, TextWriter output)
    {
        using NewsTransformerTrainer trainer = LoadTrainer(request.Checkpoint, request.Device, out CheckpointInfo checkpoint);
        (InMemoryDataset train, InMemoryDataset validation, InMemoryDataset test) =
            NewsSplit.Load(RunArtifacts.Data(checkpoint, request.DataPath, output).Path, RunArtifacts.Seed(checkpoint, NewsTransformerTrainer.DefaultOptions.Seed), output).Datasets();
        train.Dispose();
        validation.Dispose();
        using (test)
        {
            var tokenizer = new TokenizedText();
            var charts = new List<string>();
            var ranking = new List<(string, double)>();
            Directory.CreateDirectory(request.OutDir);
            for (int sentence = 0; sentence < Math.Min(3, (int)test.Count); sentence++)
            {
                using torch.Tensor ids = test.Features.narrow(0, sentence, 1);
                long[] row = ids.data<long>().ToArray();
                int tokens = Array.IndexOf(row, PaddingId) is var end and >= 0 ? end : row.Length;
                // Row 0: the sentence itself; row k: the sentence with token k-1 masked (replaced by the padding id).
                using torch.Tensor occluded = ids.repeat(tokens + 1, 1);
                for (int k = 0; k < tokens; k++)
                    occluded[k + 1, k] = torch.tensor(PaddingId);
                using torch.Tensor probabilities = trainer.Predict(occluded).cpu();
                long predicted = probabilities[0].argmax().item<long>();
                float baseline = probabilities[0, predicted].item<float>();
                // Occlusion works on token pieces; the explanation speaks of words, each the sum of its pieces' drops.
                var pieces = Enumerable.Range(0, tokens)
                    .Select(k => (Piece: tokenizer.TokenText(row[k]), Drop: (double)(baseline - probabilities[k + 1, predicted].item<float>())))
                    .ToList();
                IReadOnlyList<(string Word, double Drop)> words = ModelDsl.Explain.SubwordMerge.ToWords(pieces);
                string text = string.Concat(pieces.Select(p => p.Piece)).Trim();

                output.WriteLine($"sentence {sentence}: \"{text}\"");
                output.WriteLine($"  predicted {NewsCorpus.Labels[predicted]} ({baseline:F3}); most influential words (drop in probability when hidden):");
                foreach (var (word, drop) in words.OrderByDescending(c => Math.Abs(c.Drop)).Take(5))
                    output.WriteLine($"  {word,-20} {Math.Round(drop, 3),8:+0.000;-0.000;0.000}");
                ranking.AddRange(words.Select((w, i) => ($"sentence {sentence} word {i}: {w.Word}", w.Drop)));
                if (sentence == 0)
                {
                    string chart = Path.Combine(request.OutDir, "token-occlusion.png");
                    ModelDsl.Explain.ChartWriter.Bars(words.Select(w => (w.Word, w.Drop)).ToList(), chart,
                        $"news-transformer: word occlusion ({NewsCorpus.Labels[predicted]})");
                    charts.Add(chart);
                }
            }
            return new ExplainOutcome(Name, ranking.OrderByDescending(r => r.Item2).ToList(), charts);
        }
    }

    /// <summary>The sentences and labels, and which of them (by index) form the training, validation and test splits.</summary>
    private sealed record NewsSplit(List<string> AllTexts, List<int> AllLabels, int[] Train, int[] Validation, int[] Test)
    {
        /// <summary>The corpus (generated, or read from <paramref name="dataPath"/>), shuffled with <paramref name="seed"/> and split 70/15/15.</summary>
        public static NewsSplit Load(string? dataPath, int seed, TextWriter log)
        {
            (List<string> texts, List<int> labels) = dataPath is null ? NewsCorpus.Generate(GeneratedSentences, seed) : NewsCorpus.Read(dataPath);
            log.WriteLine(dataPath is null ? $"data: generated corpus of {texts.Count} sentences (seed {seed})" : $"data: {texts.Count} sentences from {dataPath}");
            int[] order = Enumerable.Range(0, texts.Count).ToArray();
            new Random(seed).Shuffle(order);
            int trainEnd = (int)(order.Length * 0.7), validationEnd = (int)(order.Length * 0.85);
            return new NewsSplit(texts, labels, order[..trainEnd], order[trainEnd..validationEnd], order[validationEnd..]);
        }

        public List<string> Texts(int[] rows) => rows.Select(i => AllTexts[i]).ToList();

        public List<int> Labels(int[] rows) => rows.Select(i => AllLabels[i]).ToList();

        /// <summary>The three splits as token ids (32 per sentence) and class labels.</summary>
        public (InMemoryDataset Train, InMemoryDataset Validation, InMemoryDataset Test) Datasets()
        {
            var tokenizer = new TokenizedText();
            // Named as the model's input, so exported shards carry the name the PyTorch twin's INPUTS give.
            InMemoryDataset Make(int[] rows) =>
                new(new ModelInputs((NewsTransformer.Inputs[0].Name, tokenizer.Encode(Texts(rows), Length))), torch.tensor(rows.Select(i => (long)AllLabels[i]).ToArray()));
            return (Make(Train), Make(Validation), Make(Test));
        }
    }

    private static NewsTransformerTrainer LoadTrainer(string checkpointPath, string device, out CheckpointInfo checkpoint) =>
        RunArtifacts.LoadTrainer<NewsTransformerTrainer, NewsTransformer>(checkpointPath, device, NewsTransformerTrainer.DefaultOptions,
            options => new NewsTransformerTrainer(new NewsTransformer(), options) { OwnsModel = true }, out checkpoint);
}
