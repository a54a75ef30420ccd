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
    public static TrainOutcome Run<TModule>(ModelTrainer<TModule> trainer, string name, InMemoryDataset train, InMemoryDataset validation,
        InMemoryDataset test, TrainRequest request, TrainingOptions options, TextWriter log)
        where TModule : torch.nn.Module<torch.Tensor, torch.Tensor>
    {
        TrainerSnapshot? resume = RunArtifacts.Prepare(trainer, request, options, log);
        TrainingHistory history = trainer.Fit(train, validation, options, resume);
        string checkpoint = RunArtifacts.Finish(history, request, name);
        EvaluationResult result = trainer.Evaluate(test, options);
        IReadOnlyList<BaselineScore> baselines = TabularBaseline.ScoreByRocAuc(
            FeatureTable.FromTensor(train.Features), Classes(train), FeatureTable.FromTensor(test.Features), Classes(test), options.Seed);
        return new TrainOutcome(name, history.Epochs.Count, result.Values.ToDictionary(v => v.Key, v => v.Value), "roc_auc",
            baselines, checkpoint, 0, history);
    }

    private static int[] Classes(InMemoryDataset data) => data.Labels.cpu().to(torch.float32).data<float>().Select(l => (int)l).ToArray();
}
