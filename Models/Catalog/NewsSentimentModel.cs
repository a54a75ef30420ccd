using ModelDsl.Baselines;
using ModelDsl.Checkpoints;
using ModelDsl.Data;
using ModelDsl.Models.Data;
using ModelDsl.Training;
using TorchSharp;

namespace ModelDsl.Models.Catalog;

/// <summary>
/// A shipped sentiment classifier of financial news sentences over token ids (negative/neutral/positive): the generated
/// corpus by default or a CSV with <c>--data</c>, split 70/15/15 by the run's seed (<see cref="NewsSplit"/>), compared
/// with the majority class and TF-IDF + logistic regression, explained by token occlusion. The models differ in their
/// generated trainer, their tokenizer and their row length.
/// </summary>
internal abstract class NewsSentimentModel<TTrainer, TModel> : ShippedModel
    where TTrainer : ModelTrainer<TModel>
    where TModel : torch.nn.Module
{
    /// <summary>The name of the model's one input (its token ids).</summary>
    protected abstract string InputName { get; }

    /// <summary>Tokens per sentence row.</summary>
    protected abstract int Length { get; }

    /// <summary>Sentences generated when no <c>--data</c> is given.</summary>
    protected abstract int GeneratedSentences { get; }

    /// <summary>The generated trainer's declared options.</summary>
    protected abstract TrainingOptions DeclaredOptions { get; }

    /// <summary>The tokenizer that makes the model's rows.</summary>
    protected abstract ITextEncoder TextEncoder { get; }

    /// <summary>A trainer for a fresh start (a pretrained model loads its weights here).</summary>
    protected abstract TTrainer CreateTrainer(TrainingOptions options);

    /// <summary>A trainer around a new module that owns it, for checkpoint weights to be loaded into.</summary>
    protected abstract TTrainer TrainerForCheckpoint(TrainingOptions options);

    /// <summary>A token's text as GPT-2 pieces read (a leading space starts a word), or null for a special token.</summary>
    protected abstract string? PieceText(long id);

    public override string ExportData(ExportDataRequest request, TextWriter log)
    {
        int seed = request.Seed ?? DeclaredOptions.Seed;
        (InMemoryDataset train, InMemoryDataset validation, InMemoryDataset test) =
            NewsSplit.Load(request.DataPath, seed, GeneratedSentences, log).Datasets(TextEncoder, Length, InputName);
        using (train)
        using (validation)
        using (test)
            return WriteData(request, seed, train, validation, test);
    }

    public override TrainOutcome Train(TrainRequest request, TextWriter log)
    {
        TrainingOptions options = RunArtifacts.Apply(DeclaredOptions with { Monitor = "val_loss" }, request);
        NewsSplit split = NewsSplit.Load(request.DataPath, options.Seed, GeneratedSentences, log);
        (InMemoryDataset train, InMemoryDataset validation, InMemoryDataset test) = split.Datasets(TextEncoder, Length, InputName);
        using (train)
        using (validation)
        using (test)
        {
            using TTrainer trainer = CreateTrainer(options);
            TrainerSnapshot? resume = RunArtifacts.Prepare(trainer, request, options, log);
            TrainingHistory history = trainer.Fit(train, validation, options, resume);
            string checkpoint = RunArtifacts.Finish(history, request, Name);
            EvaluationResult result = trainer.Evaluate(test, options);
            BaselineScore[] baselines = split.Baselines(options.Seed, log);
            return new TrainOutcome(Name, history.Epochs.Count, result.Values.ToDictionary(v => v.Key, v => v.Value), "accuracy",
                baselines, checkpoint, 0, history);
        }
    }

    public override EvaluateOutcome Evaluate(EvaluateRequest request, TextWriter log)
    {
        using TTrainer trainer = LoadTrainer(request.Checkpoint, request.Device, out CheckpointInfo checkpoint);
        using InMemoryDataset test = TestSplit(checkpoint, request.DataPath, log);
        EvaluationResult result = trainer.Evaluate(test, trainer.Options);
        return new EvaluateOutcome(Name, result.Values.ToDictionary(v => v.Key, v => v.Value), checkpoint.Directory);
    }

    public override void Predict(PredictRequest request, TextWriter output)
    {
        string[] lines = ReadSentences(request.InputPath);
        using TTrainer trainer = LoadTrainer(request.Checkpoint, request.Device, out _);
        using torch.Tensor ids = TextEncoder.Encode(lines, Length);
        using torch.Tensor probabilities = trainer.Predict(ids).cpu();
        WriteSentiments(output, lines, Rows(probabilities.data<float>().ToArray(), NewsCorpus.Labels.Length));
    }

    /// <summary>As <see cref="Predict"/>, from an exported file: the same token ids, made without a tensor.</summary>
    public override void PredictOnnx(string onnxPath, string inputPath, TextWriter output)
    {
        string[] lines = ReadSentences(inputPath);
        WriteSentiments(output, lines, OnnxPrediction.Run(onnxPath, SpecHashOf<TModel>(), Name,
            _ => (lines.Length, new Dictionary<string, Array> { [InputName] = TextEncoder.EncodeIds(lines, Length) })));
    }

    /// <summary>The non-blank lines of a file, one sentence each.</summary>
    /// <exception cref="InvalidDataException">The file holds no sentence.</exception>
    private static string[] ReadSentences(string path)
    {
        string[] lines = File.ReadAllLines(path).Where(l => l.Trim().Length > 0).ToArray();
        return lines.Length > 0 ? lines : throw new InvalidDataException($"{path}: no sentences (one per line expected).");
    }

    /// <summary>Prints each sentence's most probable sentiment: a header, then <c>sentiment,probability,"text"</c> lines.</summary>
    private static void WriteSentiments(TextWriter output, string[] lines, IReadOnlyList<double[]> probabilities)
    {
        output.WriteLine("sentiment,probability,text");
        for (int i = 0; i < lines.Length; i++)
        {
            int best = MostProbable(probabilities[i]);
            output.WriteLine($"{NewsCorpus.Labels[best]},{probabilities[i][best]:F4},\"{lines[i].Replace("\"", "\"\"")}\"");
        }
    }

    /// <summary>Token occlusion for held-out sentences (<see cref="TokenOcclusion"/>).</summary>
    public override ExplainOutcome Explain(ExplainRequest request, TextWriter output)
    {
        using TTrainer trainer = LoadTrainer(request.Checkpoint, request.Device, out CheckpointInfo checkpoint);
        using InMemoryDataset test = TestSplit(checkpoint, request.DataPath, output);
        return TokenOcclusion.Explain(Name, ids => trainer.Predict(ids), test.Features, TextEncoder.PaddingId, PieceText, request.OutDir, output);
    }

    // The run's seed shuffled the sentences before the split: the same seed gives the same test sentences.
    private InMemoryDataset TestSplit(CheckpointInfo checkpoint, string? dataPath, TextWriter log)
    {
        NewsSplit split = NewsSplit.Load(RunArtifacts.Data(checkpoint, dataPath, log).Path, RunArtifacts.Seed(checkpoint, DeclaredOptions.Seed), GeneratedSentences, log);
        return split.Dataset(split.Test, TextEncoder, Length, InputName);
    }

    private TTrainer LoadTrainer(string checkpointPath, string device, out CheckpointInfo checkpoint) =>
        RunArtifacts.LoadTrainer<TTrainer, TModel>(checkpointPath, device, DeclaredOptions, TrainerForCheckpoint, out checkpoint);
}
