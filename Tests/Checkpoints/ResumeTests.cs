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
    [InlineData(2, LearningRateSchedule.WarmupLinear)]
    [InlineData(1, LearningRateSchedule.WarmupCosine)]
    public void A_run_stopped_after_epoch_k_and_resumed_ends_with_the_weights_and_history_of_an_uninterrupted_run(int k, LearningRateSchedule schedule) =>
        ResumeMatchesUninterruptedRun(Options with { Schedule = schedule }, k);

    // Fine-tuning options together: AdamW's two parameter groups (optimizer state per group), a warm-up schedule stepped
    // once per group of accumulated batches, replayed from the epoch count on resume.
    [Fact]
    public void A_warmup_run_with_accumulation_and_AdamW_groups_resumes_exactly() =>
        ResumeMatchesUninterruptedRun(Options with
        {
            Optimizer = Optimizer.AdamW,
            Momentum = 0,
            LearningRate = 0.01,
            WeightDecay = 0.1,
            Schedule = LearningRateSchedule.WarmupLinear,
            WarmupSteps = 3,
            AccumulateSteps = 3,
        }, 2);

    // Validation accuracy over 32 examples peaks at epoch 5 and is lower at epochs 6 and 7. Stopped after epoch 5, only
    // the remembered best makes epoch 6 count as a bad epoch (patience 0 decays at once); stopped after epoch 6, the
    // patience counter already stands at 1 and a fresh scheduler would wait two more epochs before decaying.
    [Theory]
    [InlineData(0, 5)]
    [InlineData(1, 6)]
    public void A_plateau_schedule_resumed_after_its_best_epoch_decays_at_the_same_epoch_as_an_uninterrupted_run(int patience, int k)
    {
        TrainingOptions options = Options with
        {
            Schedule = LearningRateSchedule.ReduceOnPlateau,
            SchedulePatience = patience,
            Gamma = 0.5,
            Monitor = "val_accuracy",
            Epochs = 8,
        };

        TrainingHistory expected = ResumeMatchesUninterruptedRun(options, k);

        // The scenario has to exercise the schedule after the resume point: a decay there.
        double[] rates = expected.Epochs.Select(e => e.LearningRate).ToArray();
        Assert.True(Enumerable.Range(k, rates.Length - k).Any(i => rates[i] < rates[i - 1]),
            $"no decay after epoch {k}; learning rates {string.Join(", ", rates)}");
    }

    [Fact]
    public void A_plateau_resume_from_a_snapshot_without_its_epoch_history_is_refused_with_the_counts()
    {
        TrainingOptions options = Options with { Schedule = LearningRateSchedule.ReduceOnPlateau };
        using InMemoryDataset train = HandWrittenClassifierTrainer.Data(32, seed: 1);
        using var trainer = new HandWrittenClassifierTrainer(new HandWrittenClassifier(), options);
        byte[] rng;
        using (torch.Tensor state = torch.get_rng_state())
            rng = state.data<byte>().ToArray();
        var snapshot = new TrainerSnapshot(Epoch: 2, Step: 4, BestMonitorValue: 0.5, EpochsWithoutImprovement: 1, History: [], RngState: rng);

        var error = Assert.Throws<InvalidDataException>(() => trainer.Fit(train, null, resumeFrom: snapshot));

        Assert.Contains("after epoch 2 records 0 epochs", error.Message);
        Assert.Contains("plateau", error.Message);
    }

    private TrainingHistory ResumeMatchesUninterruptedRun(TrainingOptions options, int k)
    {
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
        return expected;
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
