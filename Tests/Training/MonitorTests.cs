using ModelDsl.Data;
using ModelDsl.Training;
using TorchSharp;

namespace ModelDsl.Tests.Training;

/// <summary>Which value early stopping and best weights watch, and in which direction, when the monitored name is not recorded.</summary>
public sealed class MonitorTests
{
    // TinyClassifier declares accuracy and f1: without validation data val_f1 has no training counterpart (loss is
    // watched, lower is better) and val_accuracy has one (training accuracy, higher is better).
    [Theory]
    [InlineData("val_f1", "loss", false)]
    [InlineData("val_accuracy", "accuracy", true)]
    public void Without_validation_data_restore_best_weights_takes_the_best_epoch_of_the_fallback_value(string monitor, string watched, bool higherIsBetter)
    {
        using InMemoryDataset train = TrainingData.Classes(96, seed: 5);
        TrainingOptions options = TinyClassifierTrainer.DefaultOptions with
        {
            Device = "cpu",
            Epochs = 6,
            Monitor = monitor,
            Patience = 3,
            RestoreBestWeights = true,
            ValidationSplit = 0,
        };
        using TinyClassifierTrainer trainer = TinyClassifierTrainer.Create(options);
        var weights = new WeightsPerEpoch(trainer.Model);
        trainer.Callbacks.Add(weights);

        TrainingHistory history = trainer.Fit(train);

        IReadOnlyList<double> values = history.Series(watched);
        double best = higherIsBetter ? values.Max() : values.Min();
        int bestEpoch = values.ToList().IndexOf(best);   // the first epoch reaching it: later equal values are no improvement
        Assert.True(values.Count > 1 && bestEpoch < weights.Epochs.Count, $"{watched}: {string.Join(", ", values)}");
        foreach (var (name, parameter) in trainer.Model.state_dict())
            Assert.True(parameter.allclose(weights.Epochs[bestEpoch][name], rtol: 0, atol: 0),
                $"'{name}' is not epoch {bestEpoch + 1}'s (best {watched} {best} of {string.Join(", ", values)})");
        foreach (var epoch in weights.Epochs)
            foreach (torch.Tensor tensor in epoch.Values)
                tensor.Dispose();
    }

    [Theory]
    [InlineData("val_auc")]
    [InlineData("f1")]
    [InlineData("val_roc_auc")]
    public void A_monitor_that_is_never_recorded_is_refused_before_training(string monitor)
    {
        using InMemoryDataset train = TrainingData.Classes(32);
        using InMemoryDataset validation = TrainingData.Classes(16, seed: 1);
        using TinyClassifierTrainer trainer = TinyClassifierTrainer.Create(TinyClassifierTrainer.DefaultOptions with { Device = "cpu", Monitor = monitor });
        var recorder = new WeightsPerEpoch(trainer.Model);
        trainer.Callbacks.Add(recorder);

        var error = Assert.Throws<ArgumentException>(() => trainer.Fit(train, validation));

        Assert.Contains($"Monitor '{monitor}'", error.Message);
        Assert.Contains("valid names: loss, accuracy, val_loss, val_accuracy, val_f1", error.Message);
        Assert.Empty(recorder.Epochs);
    }

    /// <summary>A copy of the model's weights at the end of every epoch.</summary>
    private sealed class WeightsPerEpoch(torch.nn.Module model) : ITrainingCallback
    {
        public List<Dictionary<string, torch.Tensor>> Epochs { get; } = [];

        public void OnEpochEnd(TrainerSnapshot snapshot) =>
            Epochs.Add(model.state_dict().ToDictionary(p => p.Key, p => p.Value.detach().clone()));
    }
}
