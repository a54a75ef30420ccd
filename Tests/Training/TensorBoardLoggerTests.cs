using ModelDsl.Data;
using ModelDsl.Tests.Support;
using ModelDsl.Training;

namespace ModelDsl.Tests.Training;

/// <summary>The TensorBoard callback's event files, read back by parsing the records (TensorBoard itself is not needed).</summary>
public sealed class TensorBoardLoggerTests
{
    [Fact]
    public void The_crc_the_reader_checks_is_crc32c()
    {
        // The check value of CRC-32C, and the masked form TFRecord stores.
        Assert.Equal(0xE3069283u, TensorBoardEvents.Crc32C("123456789"u8));
        uint crc = 0xE3069283u;
        Assert.Equal(unchecked(((crc >> 15) | (crc << 17)) + 0xa282ead8), TensorBoardEvents.MaskedCrc32C("123456789"u8));
    }

    [Fact]
    public void Epoch_values_go_to_train_and_validation_and_the_batch_loss_every_n_steps()
    {
        using InMemoryDataset train = TrainingData.Classes(64, seed: 1);   // 4 batches of 16: steps 1..12 over 3 epochs
        using InMemoryDataset validation = TrainingData.Classes(32, seed: 2);
        using var folder = new TemporaryFolder();
        using TinyClassifierTrainer trainer = TinyClassifierTrainer.Create(TinyClassifierTrainer.DefaultOptions with
        {
            Device = "cpu",
            Epochs = 3,
            BatchSize = 16,
            Monitor = "loss",
            Patience = 0,
            RestoreBestWeights = false,
        });
        var batchLosses = new BatchLossRecorder();
        trainer.Callbacks.Add(batchLosses);
        trainer.Callbacks.Add(new TensorBoardLogger(folder.Path, everySteps: 5));

        TrainingHistory history = trainer.Fit(train, validation);

        List<ScalarEvent> trained = TensorBoardEvents.ReadScalars(Path.Combine(folder.Path, "train"));
        List<ScalarEvent> validated = TensorBoardEvents.ReadScalars(Path.Combine(folder.Path, "validation"));
        void AssertSeries(List<ScalarEvent> events, string tag, IReadOnlyList<double> expected)
        {
            ScalarEvent[] series = events.Where(e => e.Tag == tag).ToArray();
            Assert.Equal(Enumerable.Range(1, expected.Count).Select(i => (long)i), series.Select(e => e.Step));
            Assert.Equal(expected.Select(v => (float)v), series.Select(e => e.Value));
        }
        AssertSeries(trained, "epoch_loss", history.Series("loss"));
        AssertSeries(trained, "epoch_accuracy", history.Series("accuracy"));
        AssertSeries(trained, "epoch_learning_rate", [0.01, 0.01, 0.01]);
        AssertSeries(validated, "epoch_loss", history.Series("val_loss"));
        AssertSeries(validated, "epoch_f1", history.Series("val_f1"));
        ScalarEvent[] batches = trained.Where(e => e.Tag == "batch_loss").ToArray();
        Assert.Equal([5L, 10L], batches.Select(e => e.Step));
        Assert.Equal([(float)batchLosses.Losses[4], (float)batchLosses.Losses[9]], batches.Select(e => e.Value));
        Assert.DoesNotContain(validated, e => e.Tag == "batch_loss");
        // Wall time is in seconds since 1970 (the unit TensorBoard reads), not 0 or .NET ticks.
        Assert.All(trained, e => Assert.InRange(e.WallTime, DateTimeOffset.UtcNow.AddDays(-1).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.AddDays(1).ToUnixTimeSeconds()));
    }

    private sealed class BatchLossRecorder : ITrainingCallback
    {
        public List<double> Losses { get; } = [];

        public void OnBatchEnd(TrainingContext context, BatchResult batch) => Losses.Add(batch.ReadLoss());
    }
}
