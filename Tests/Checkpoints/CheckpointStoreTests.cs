using ModelDsl.Checkpoints;
using ModelDsl.Data;
using ModelDsl.Tests.Training;
using ModelDsl.Training;
using TorchSharp;

namespace ModelDsl.Tests.Checkpoints;

/// <summary>Checkpoints: exact resume, corruption handling, architecture checks, unwritable folders.</summary>
public sealed class CheckpointStoreTests
{
    private static string TempRun() => Directory.CreateTempSubdirectory("modeldsl-ckpt-").FullName;

    private static TrainingOptions Options(int epochs) => TinyClassifierTrainer.DefaultOptions with { Device = "cpu", Epochs = epochs };

    [Fact]
    public void Run_stopped_after_epoch_k_and_resumed_ends_with_the_weights_and_history_of_an_uninterrupted_run()
    {
        using InMemoryDataset train = TrainingData.Classes(200);
        using InMemoryDataset validation = TrainingData.Classes(60, seed: 9);

        using TinyClassifierTrainer straight = TinyClassifierTrainer.Create(Options(4));
        TrainingHistory full = straight.Fit(train, validation);

        string run = TempRun();
        var store = new CheckpointStore(run);
        using (TinyClassifierTrainer first = TinyClassifierTrainer.Create(Options(2)))
        {
            first.Callbacks.Add(new CheckpointCallback(store, first.Model, "TinyClassifier", first.SpecHash, () => first.Optimizer));
            first.Fit(train, validation);
        }

        using TinyClassifierTrainer resumed = new(new TinyClassifier(), Options(4));
        CheckpointInfo latest = store.Latest()!;
        Assert.Equal(2, latest.Epoch);
        var optimizer = resumed.PrepareOptimizer();
        CheckpointStore.LoadWeights(latest, resumed.Model, resumed.SpecHash);
        CheckpointStore.LoadOptimizer(latest, optimizer);
        TrainingHistory continued = resumed.Fit(train, validation, resumeFrom: CheckpointStore.ReadSnapshot(latest));

        Assert.Equal(full.Series("loss"), continued.Series("loss"));
        Assert.Equal(full.Series("val_loss"), continued.Series("val_loss"));
        var expected = straight.Model.state_dict();
        foreach (var (name, tensor) in resumed.Model.state_dict())
            Assert.True(tensor.eq(expected[name]).all().item<bool>(), $"{name} differs after resume");
    }

    [Fact]
    public void Corrupt_latest_checkpoint_falls_back_to_the_previous_one_with_a_warning_and_is_never_loaded_silently()
    {
        string run = TempRun();
        var store = new CheckpointStore(run, new CheckpointPolicy(KeepLast: 5));
        using TinyClassifierTrainer trainer = TinyClassifierTrainer.Create(Options(3));
        trainer.Callbacks.Add(new CheckpointCallback(store, trainer.Model, "TinyClassifier", trainer.SpecHash, () => trainer.Optimizer));
        using InMemoryDataset train = TrainingData.Classes(64);
        trainer.Fit(train);

        string weights = Path.Combine(run, "epoch-0003", "weights.bin");
        byte[] bytes = File.ReadAllBytes(weights);
        File.WriteAllBytes(weights, bytes[..(bytes.Length / 2)]);

        var reader = new CheckpointStore(run);
        Assert.Equal(2, reader.Latest()!.Epoch);
        Assert.Contains(reader.Warnings, w => w.Contains("epoch-0003") && w.Contains("weights.bin") && w.Contains("checksum"));
        var error = Assert.Throws<CheckpointException>(() => CheckpointStore.Resolve(Path.Combine(run, "epoch-0003")));
        Assert.Contains("weights.bin", error.Message);
    }

    [Fact]
    public void Loading_into_a_different_architecture_names_the_hash_and_the_first_differing_parameter()
    {
        string run = TempRun();
        var store = new CheckpointStore(run);
        using TinyClassifierTrainer trainer = TinyClassifierTrainer.Create(Options(1));
        string folder = store.Save(trainer.Model, "TinyClassifier", trainer.SpecHash, null,
            new TrainerSnapshot(1, 1, double.NaN, 0, [], []));

        using var other = new TinyRegressor();
        var error = Assert.Throws<CheckpointException>(() => CheckpointStore.LoadWeights(CheckpointStore.Resolve(folder), other, TinyRegressor.SpecHash));
        Assert.Contains($"spec hash {TinyClassifier.SpecHash}, this model {TinyRegressor.SpecHash}", error.Message);
        Assert.Contains("'dense_1.weight' has shape [16, 4] in the checkpoint but [1, 3] in the model", error.Message);
    }

    [Fact]
    public void Unwritable_run_folder_fails_the_save_with_the_path_and_keeps_earlier_checkpoints()
    {
        string run = TempRun();
        var store = new CheckpointStore(run);
        using TinyClassifierTrainer trainer = TinyClassifierTrainer.Create(Options(1));
        string first = store.Save(trainer.Model, "TinyClassifier", trainer.SpecHash, null, new TrainerSnapshot(1, 1, double.NaN, 0, [], []));

        // A run folder that is a file cannot be written, whoever runs the test (root ignores permission bits).
        string blocked = Path.Combine(run, "blocked");
        File.WriteAllText(blocked, "not a folder");
        var error = Assert.Throws<CheckpointException>(() =>
            new CheckpointStore(blocked).Save(trainer.Model, "TinyClassifier", trainer.SpecHash, null, new TrainerSnapshot(2, 2, double.NaN, 0, [], [])));
        Assert.Contains(blocked, error.Message);
        Assert.Equal(first, store.Latest()!.Directory);
    }

    [Fact]
    public void Retention_keeps_the_last_k_and_the_best()
    {
        string run = TempRun();
        var store = new CheckpointStore(run, new CheckpointPolicy(KeepLast: 2, Monitor: "val_loss"));
        using TinyClassifierTrainer trainer = TinyClassifierTrainer.Create(Options(1));
        double[] losses = [0.9, 0.2, 0.5, 0.7, 0.6];
        for (int epoch = 1; epoch <= losses.Length; epoch++)
        {
            var record = new EpochRecord(epoch, [new("loss", 1), new("val_loss", losses[epoch - 1])], 0.01, 0);
            store.Save(trainer.Model, "TinyClassifier", trainer.SpecHash, null, new TrainerSnapshot(epoch, epoch, double.NaN, 0, [record], []));
        }
        Assert.Equal([2, 4, 5], store.List().Select(c => c.Epoch));
        Assert.Equal(2, store.Best()!.Epoch);
        Assert.Equal(2, CheckpointStore.Resolve(Path.Combine(run, "best")).Epoch);
        Assert.Equal(5, CheckpointStore.Resolve(Path.Combine(run, "latest")).Epoch);
    }
}
