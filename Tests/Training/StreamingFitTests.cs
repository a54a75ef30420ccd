using ModelDsl.Data;
using ModelDsl.Training;
using TorchSharp;

namespace ModelDsl.Tests.Training;

/// <summary>Training from a <see cref="StreamingDataset"/>: same batches in the same order as the in-memory path, so the same run; early, clear errors.</summary>
public sealed class StreamingFitTests
{
    private static TrainingOptions Options => TinyClassifierTrainer.DefaultOptions with { Device = "cpu", Epochs = 3 };

    [Fact]
    public void Streaming_and_in_memory_training_give_the_same_loss_curve_and_weights()
    {
        using InMemoryDataset train = TrainingData.Classes(200, seed: 4);
        using InMemoryDataset validation = TrainingData.Classes(64, seed: 5);

        using TinyClassifierTrainer inMemory = TinyClassifierTrainer.Create(Options);
        TrainingHistory expected = inMemory.Fit(train, validation);

        int reads = 0;
        var streamed = new StreamingDataset(train.Count, train.ExampleShape, indices =>
        {
            Interlocked.Increment(ref reads);
            using torch.Tensor rows = torch.tensor(indices);
            return (train.Features.index_select(0, rows), train.Labels.index_select(0, rows));
        });
        using TinyClassifierTrainer streaming = TinyClassifierTrainer.Create(Options);
        TrainingHistory actual = streaming.Fit(streamed, validation);

        Assert.Equal(3 * 13, reads); // 200 rows in batches of 16: 13 reads per epoch, each batch read once
        Assert.Equal(expected.Series("loss"), actual.Series("loss"));
        Assert.Equal(expected.Series("val_loss"), actual.Series("val_loss"));
        foreach (var (name, weight) in inMemory.Model.state_dict())
            Assert.True(weight.allclose(streaming.Model.state_dict()[name], rtol: 0, atol: 0), $"{name} differs");
    }

    [Fact]
    public void Streaming_data_of_the_wrong_shape_or_with_a_validation_split_is_refused_before_reading()
    {
        int reads = 0;
        var wrongShape = new StreamingDataset(100, [5], _ => { reads++; throw new InvalidOperationException("must not read"); });
        using TinyClassifierTrainer trainer = TinyClassifierTrainer.Create(Options);

        var shapeError = Assert.Throws<InvalidDataException>(() => trainer.Fit(wrongShape));
        Assert.Contains("(5)", shapeError.Message);
        Assert.Contains($"({string.Join(", ", trainer.InputShape)})", shapeError.Message);

        var rightShape = new StreamingDataset(100, trainer.InputShape.ToArray(), _ => { reads++; throw new InvalidOperationException("must not read"); });
        var splitError = Assert.Throws<ArgumentException>(() => trainer.Fit(rightShape, options: Options with { ValidationSplit = 0.2 }));
        Assert.Contains("0.2", splitError.Message);
        Assert.Contains("in-memory", splitError.Message);
        Assert.Equal(0, reads);
    }

    [Fact]
    public void A_failing_reader_surfaces_as_its_own_exception()
    {
        using InMemoryDataset train = TrainingData.Classes(64, seed: 6);
        var broken = new StreamingDataset(train.Count, train.ExampleShape, indices =>
        {
            if (indices.Contains(40))
                throw new IOException("shard 3 is unreadable");
            using torch.Tensor rows = torch.tensor(indices);
            return (train.Features.index_select(0, rows), train.Labels.index_select(0, rows));
        });
        using TinyClassifierTrainer trainer = TinyClassifierTrainer.Create(Options);

        var error = Assert.Throws<IOException>(() => trainer.Fit(broken));
        Assert.Equal("shard 3 is unreadable", error.Message);
    }
}
