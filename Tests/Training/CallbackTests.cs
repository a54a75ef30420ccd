using ModelDsl.Data;
using ModelDsl.Tests.Checkpoints;
using ModelDsl.Training;
using TorchSharp;

namespace ModelDsl.Tests.Training;

/// <summary>The callback hooks (train begin, batch end, epoch end, train end), stopping from a callback, and who owns the model.</summary>
public sealed class CallbackTests
{
    private static TrainingOptions Options(int epochs) => TinyClassifierTrainer.DefaultOptions with
    {
        Device = "cpu",
        Epochs = epochs,
        BatchSize = 16,
        ValidationSplit = 0,
        Monitor = "loss",
        Patience = 0,
        RestoreBestWeights = false,
    };

    [Fact]
    public void Hooks_run_in_order_and_the_batch_losses_they_read_make_up_the_epoch_loss()
    {
        using InMemoryDataset train = TrainingData.Classes(64);   // 4 full batches of 16 per epoch
        using TinyClassifierTrainer trainer = TinyClassifierTrainer.Create(Options(epochs: 2));
        var recorder = new HookRecorder();
        trainer.Callbacks.Add(recorder);

        TrainingHistory history = trainer.Fit(train);

        Assert.Equal(["begin", "batch 1.1", "batch 1.2", "batch 1.3", "batch 1.4", "epoch 1", "batch 2.1", "batch 2.2", "batch 2.3", "batch 2.4", "epoch 2", "end"],
            recorder.Calls);
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8], recorder.Steps);
        // Equal batches: the epoch's loss is the mean of the losses the batch hook read.
        Assert.Equal(history.Series("loss")[0], recorder.Losses.Take(4).Average(), 5);
        Assert.Equal(history.Series("loss")[1], recorder.Losses.Skip(4).Average(), 5);
        Assert.Same(history, recorder.EndHistory);
    }

    [Fact]
    public void A_callback_that_sets_StopTraining_ends_the_run_after_that_epoch()
    {
        using InMemoryDataset train = TrainingData.Classes(64);
        using TinyClassifierTrainer trainer = TinyClassifierTrainer.Create(Options(epochs: 6));
        var recorder = new HookRecorder { StopAfterEpoch = 2 };
        trainer.Callbacks.Add(recorder);

        TrainingHistory history = trainer.Fit(train);

        Assert.Equal([1, 2], history.Epochs.Select(e => e.Epoch));
        Assert.Equal(2, history.StoppedEarlyAt);
        Assert.Equal("end", recorder.Calls[^1]);
    }

    [Fact]
    public void An_early_stopping_callback_stops_as_the_patience_option_does()
    {
        using InMemoryDataset train = TrainingData.Classes(96, seed: 3);
        // A far too high learning rate makes the loss jump around, so it stops improving within a few epochs.
        TrainingOptions options = Options(epochs: 20) with { LearningRate = 3.0 };

        using TinyClassifierTrainer byOption = TinyClassifierTrainer.Create(options with { Patience = 2 });
        TrainingHistory expected = byOption.Fit(train);
        using TinyClassifierTrainer byCallback = TinyClassifierTrainer.Create(options);
        var stopping = new EarlyStopping(patience: 2);
        byCallback.Callbacks.Add(stopping);
        TrainingHistory actual = byCallback.Fit(train);

        Assert.True(expected.StoppedEarlyAt < 20, $"the run did not stop early: {string.Join(", ", expected.Series("loss"))}");
        Assert.Equal(expected.StoppedEarlyAt, actual.StoppedEarlyAt);
        Assert.Equal(expected.StoppedEarlyAt, stopping.StoppedAt);
        Assert.Equal(expected.Series("loss"), actual.Series("loss"));
    }

    [Fact]
    public void A_best_weights_callback_can_watch_another_value_than_the_runs_monitor()
    {
        using InMemoryDataset train = TrainingData.Classes(96, seed: 4);
        using TinyClassifierTrainer trainer = TinyClassifierTrainer.Create(Options(epochs: 6) with { LearningRate = 3.0 });
        trainer.Callbacks.Add(new BestWeightsRestorer(monitor: "accuracy"));

        TrainingHistory history = trainer.Fit(train);

        IReadOnlyList<double> accuracy = history.Series("accuracy");
        Assert.Equal(accuracy.ToList().IndexOf(accuracy.Max()) + 1, history.RestoredEpoch);
        using TinyClassifierTrainer unknown = TinyClassifierTrainer.Create(Options(epochs: 1));
        unknown.Callbacks.Add(new EarlyStopping(1, monitor: "val_accuracy"));
        var error = Assert.Throws<ArgumentException>(() => unknown.Fit(train));
        Assert.Contains("Monitor 'val_accuracy' is not recorded in this run; it records: loss, accuracy", error.Message);
    }

    [Fact]
    public void The_trainer_leaves_a_model_it_was_handed_to_the_caller()
    {
        using InMemoryDataset train = TrainingData.Classes(32);
        using var model = new TinyClassifier();
        torch.Tensor weight = model.parameters().First();
        using (var first = new TinyClassifierTrainer(model, Options(epochs: 1)))
            first.Fit(train);

        Assert.False(weight.IsInvalid, "disposing the trainer disposed the caller's model");
        using var second = new TinyClassifierTrainer(model, Options(epochs: 1));
        Assert.InRange(second.Evaluate(train)["accuracy"], 0, 1);
    }

    [Fact]
    public void A_trainer_that_made_its_model_disposes_it()
    {
        torch.Tensor weight;
        using (OwningTrainer trainer = OwningTrainer.Create())
            weight = trainer.Model.parameters().First();
        Assert.True(weight.IsInvalid);
    }

    [Fact]
    public void A_generated_create_makes_a_trainer_that_owns_and_disposes_its_model()
    {
        torch.Tensor weight;
        using (TinyClassifierTrainer trainer = TinyClassifierTrainer.Create(Options(epochs: 1)))
        {
            Assert.True(trainer.OwnsModel);
            weight = trainer.Model.parameters().First();
        }
        Assert.True(weight.IsInvalid, "the model Create made outlived its trainer");
    }

    /// <summary>A trainer whose factory makes the model, as a generated <c>Create</c> does.</summary>
    private sealed class OwningTrainer : ModelTrainer<HandWrittenClassifier>
    {
        private OwningTrainer(HandWrittenClassifier model)
            : base(model, new TrainingOptions { Device = "cpu" }, new ModelOutput(ModelTask.MultiClass, HandWrittenClassifier.Classes),
                [HandWrittenClassifier.Features], "owning")
        {
        }

        public static OwningTrainer Create() => new(new HandWrittenClassifier()) { OwnsModel = true };
    }

    private sealed class HookRecorder : ITrainingCallback
    {
        public List<string> Calls { get; } = [];

        public List<long> Steps { get; } = [];

        public List<double> Losses { get; } = [];

        public TrainingHistory? EndHistory { get; private set; }

        public int StopAfterEpoch { get; init; }

        public void OnTrainBegin(TrainingContext context) => Calls.Add("begin");

        public void OnBatchEnd(TrainingContext context, BatchResult batch)
        {
            Calls.Add($"batch {batch.Epoch}.{batch.Batch}");
            Steps.Add(batch.Step);
            Losses.Add(batch.ReadLoss());
        }

        public void OnEpochEnd(TrainingContext context, TrainerSnapshot snapshot)
        {
            Calls.Add($"epoch {snapshot.Epoch}");
            if (snapshot.Epoch == StopAfterEpoch)
                context.StopTraining = true;
        }

        public void OnTrainEnd(TrainingContext context)
        {
            Calls.Add("end");
            EndHistory = context.History;
        }
    }
}
