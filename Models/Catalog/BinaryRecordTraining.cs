using ModelDsl.Baselines;
using ModelDsl.Data;
using ModelDsl.Training;
using TorchSharp;

namespace ModelDsl.Models.Catalog;

/// <summary>The part of <c>train</c> every binary record model shares once its splits are featurized: fit, checkpoint, score against the tabular baselines.</summary>
internal static class BinaryRecordTraining
{
    /// <summary>
    /// Trains on <paramref name="train"/> (monitoring <paramref name="validation"/>), checkpoints, and scores the network and
    /// the ML.NET baselines, fitted on the very columns the network reads and the same training rows, on <paramref name="test"/>.
    /// </summary>
    /// <param name="embedded">The featurized columns that hold an embedded enum's member index: the baselines see them one-hot,
    /// as they would without the embedding, so embedding the network does not change the figure it must beat.</param>
    public static TrainOutcome Run<TModule>(ModelTrainer<TModule> trainer, string name, InMemoryDataset train, InMemoryDataset validation,
        InMemoryDataset test, TrainRequest request, TrainingOptions options, TextWriter log, IReadOnlyList<EmbeddedIndexColumn>? embedded = null)
        where TModule : torch.nn.Module<torch.Tensor, torch.Tensor>
    {
        embedded ??= [];
        TrainerSnapshot? resume = RunArtifacts.Prepare(trainer, request, options, log);
        TrainingHistory history = trainer.Fit(train, validation, options, resume);
        string checkpoint = RunArtifacts.Finish(history, request, name);
        EvaluationResult result = trainer.Evaluate(test, options);
        IReadOnlyList<BaselineScore> baselines = TabularBaseline.ScoreByRocAuc(
            FeatureTable.FromTensor(train.Features).WithOneHot(embedded), Classes(train), FeatureTable.FromTensor(test.Features).WithOneHot(embedded), Classes(test), options.Seed);
        return new TrainOutcome(name, history.Epochs.Count, result.Values.ToDictionary(v => v.Key, v => v.Value), "roc_auc",
            baselines, checkpoint, 0, history);
    }

    private static int[] Classes(InMemoryDataset data) => data.Labels.cpu().to(torch.float32).data<float>().Select(l => (int)l).ToArray();
}
