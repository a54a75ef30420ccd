using ModelDsl.Checkpoints;
using ModelDsl.Data;
using ModelDsl.Devices;
using ModelDsl.Tests.Support;
using ModelDsl.Training;
using TorchSharp;

namespace ModelDsl.Tests.Checkpoints;

public sealed class ResumeTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public ResumeTests()
    {
        TorchNative.EnsureLoaded();
        torch.set_num_threads(1);
    }

    public void Dispose() => _folder.Dispose();

    // Dropout (RNG state), SGD momentum (optimizer state), a step schedule (learning-rate progress) and early-stopping
    // bookkeeping all have to come back for the resumed run to match bit for bit.
    private static TrainingOptions Options => new()
    {
        Optimizer = Optimizer.Sgd,
        LearningRate = 0.2,
        Momentum = 0.9,
        BatchSize = 16,
        Epochs = 5,
        Schedule = LearningRateSchedule.Step,
        StepSize = 2,
        Gamma = 0.5,
        Metrics = [Metric.Accuracy],
        Monitor = "val_loss",
        Seed = 3,
        Device = "cpu",
    };

    [Theory]
    [InlineData(1, LearningRateSchedule.Step)]
    [InlineData(3, LearningRateSchedule.Step)]
    [InlineData(3, LearningRateSchedule.Cosine)]
    [InlineData(2, LearningRateSchedule.OneCycle)]
    public void A_run_stopped_after_epoch_k_and_resumed_ends_with_the_weights_and_history_of_an_uninterrupted_run(int k, LearningRateSchedule schedule)
    {
        TrainingOptions options = Options with { Schedule = schedule };
        using InMemoryDataset train = HandWrittenClassifierTrainer.Data(64, seed: 1);
        using InMemoryDataset validation = HandWrittenClassifierTrainer.Data(32, seed: 2);

        torch.manual_seed(17);
        using var uninterrupted = new HandWrittenClassifierTrainer(new HandWrittenClassifier(), options);
        TrainingHistory expected = uninterrupted.Fit(train, validation);

        string run = Path.Combine(_folder.Path, "run");
        torch.manual_seed(17);
        using (var interrupted = new HandWrittenClassifierTrainer(new HandWrittenClassifier(), options))
        {
            using var stop = new CancellationTokenSource();
            interrupted.Callbacks.Add(new CheckpointCallback(new CheckpointStore(run), interrupted.Model, "HandWrittenClassifier", interrupted.SpecHash,
                () => interrupted.Optimizer, finalEpoch: options.Epochs));
            interrupted.Callbacks.Add(new StopAfterEpoch(k, stop));
            Assert.ThrowsAny<OperationCanceledException>(() => interrupted.Fit(train, validation, cancellationToken: stop.Token));
        }

        // A different seed: every weight that matters has to come from the checkpoint.
        torch.manual_seed(999);
        using var resumedTrainer = new HandWrittenClassifierTrainer(new HandWrittenClassifier(), options);
        var store = new CheckpointStore(run);
        ResumedCheckpoint? resumed = store.ResumeLatest(resumedTrainer.Model, resumedTrainer.SpecHash, resumedTrainer.PrepareOptimizer());
        Assert.NotNull(resumed);
        Assert.Equal(k, resumed.Snapshot.Epoch);
        TrainingHistory actual = resumedTrainer.Fit(train, validation, resumeFrom: resumed.Snapshot);

        Assert.Equal(options.Epochs, actual.Epochs.Count);
        for (int i = 0; i < expected.Epochs.Count; i++)
        {
            EpochRecord want = expected.Epochs[i], got = actual.Epochs[i];
            Assert.Equal(want.Epoch, got.Epoch);
            Assert.Equal(want.LearningRate, got.LearningRate);
            Assert.Equal(want.Values.Select(v => v.Key), got.Values.Select(v => v.Key));
            Assert.Equal(want.Values.Select(v => v.Value), got.Values.Select(v => v.Value));
        }
        foreach (var (name, tensor) in uninterrupted.Model.state_dict())
            Assert.True(tensor.allclose(resumedTrainer.Model.state_dict()[name], 0, 0), $"{name} differs between the uninterrupted and the resumed run");
    }

    /// <summary>Interrupts a run after a given epoch, the way Ctrl+C or a pre-empted machine would.</summary>
    private sealed class StopAfterEpoch(int epoch, CancellationTokenSource stop) : ITrainingCallback
    {
        public void OnEpochEnd(TrainerSnapshot snapshot)
        {
            if (snapshot.Epoch == epoch)
                stop.Cancel();
        }
    }
}
