using ModelDsl.Data;
using ModelDsl.Training;
using TorchSharp;

namespace ModelDsl.Tests.Training;

/// <summary>Bad input stops before training with a message naming the row, field and what was expected.</summary>
public sealed class BadInputTests
{
    private static TinyClassifierTrainer Trainer(TrainingOptions? options = null) =>
        TinyClassifierTrainer.Create((options ?? TinyClassifierTrainer.DefaultOptions) with { Device = "cpu", Epochs = 1 });

    [Fact]
    public void Label_outside_the_class_range_names_row_and_value()
    {
        using var data = new InMemoryDataset(torch.zeros(5, 4), torch.tensor(new long[] { 0, 1, 2, 7, 1 }));
        using TinyClassifierTrainer trainer = Trainer();
        var error = Assert.Throws<InvalidDataException>(() => trainer.Fit(data));
        Assert.Equal("The training data has label 7 at row 3, outside the model's 3 classes (expected an integer from 0 to 2).", error.Message);
    }

    [Fact]
    public void Nan_or_infinite_feature_names_row_and_column()
    {
        float[] x = new float[20];
        x[2 * 4 + 3] = float.NaN;
        using var data = new InMemoryDataset(torch.tensor(x, [5, 4]), torch.zeros(5, dtype: torch.int64));
        using TinyClassifierTrainer trainer = Trainer();
        var error = Assert.Throws<InvalidDataException>(() => trainer.Fit(data));
        Assert.Contains("non-finite feature (NaN) at row 2, feature 3", error.Message);

        x[2 * 4 + 3] = 0;
        x[4 * 4 + 1] = float.PositiveInfinity;
        using var infinite = new InMemoryDataset(torch.tensor(x, [5, 4]), torch.zeros(5, dtype: torch.int64));
        Assert.Contains("at row 4, feature 1", Assert.Throws<InvalidDataException>(() => trainer.Fit(infinite)).Message);

        // +∞ and −∞ together: a quick sum would cancel to NaN, never to a finite number.
        x[1 * 4 + 2] = float.NegativeInfinity;
        using var both = new InMemoryDataset(torch.tensor(x, [5, 4]), torch.zeros(5, dtype: torch.int64));
        Assert.Contains("at row 1, feature 2", Assert.Throws<InvalidDataException>(() => trainer.Fit(both)).Message);
        using var doubles = new InMemoryDataset(torch.tensor(x.Select(v => (double)v).ToArray(), [5, 4]), torch.zeros(5, dtype: torch.int64));
        Assert.Contains("at row 1, feature 2", Assert.Throws<InvalidDataException>(() => DatasetValidator.Validate(doubles, [4], trainer.Output, "training data")).Message);
    }

    [Fact]
    public void Nan_or_infinite_regression_target_names_the_row()
    {
        float[] y = [1, 2, 3, float.NaN, 5];
        using var data = new InMemoryDataset(torch.zeros(5, 3), torch.tensor(y, [5, 1]));
        using TinyRegressorTrainer trainer = TinyRegressorTrainer.Create(TinyRegressorTrainer.DefaultOptions with { Device = "cpu", Epochs = 1 });
        var error = Assert.Throws<InvalidDataException>(() => trainer.Fit(data));
        Assert.Contains("non-finite target (NaN) at row 3", error.Message);

        y[3] = 4;
        y[1] = float.NegativeInfinity;
        using var infinite = new InMemoryDataset(torch.zeros(5, 3), torch.tensor(y, [5, 1]));
        Assert.Contains("at row 1", Assert.Throws<InvalidDataException>(() => trainer.Evaluate(infinite)).Message);
    }

    [Fact]
    public void Images_of_the_wrong_size_name_both_shapes()
    {
        using var data = new InMemoryDataset(torch.zeros(3, 1, 9, 8), torch.zeros(3, dtype: torch.int64));
        using TinyImageClassifierTrainer trainer = TinyImageClassifierTrainer.Create(TinyImageClassifierTrainer.DefaultOptions with { Device = "cpu" });
        var error = Assert.Throws<InvalidDataException>(() => trainer.Fit(data));
        Assert.Contains("examples of shape (1, 9, 8) but the model expects (1, 8, 8)", error.Message);
    }

    [Fact]
    public void Empty_dataset_is_refused()
    {
        using var data = new InMemoryDataset(torch.zeros(0, 4), torch.zeros(0, dtype: torch.int64));
        using TinyClassifierTrainer trainer = Trainer();
        Assert.Equal("The training data is empty: it has no rows.", Assert.Throws<InvalidDataException>(() => trainer.Fit(data)).Message);
    }

    [Fact]
    public void Batch_size_zero_is_refused()
    {
        using InMemoryDataset data = TrainingData.Classes(10);
        using TinyClassifierTrainer trainer = Trainer();
        var error = Assert.Throws<ArgumentException>(() => trainer.Fit(data, options: trainer.Options with { BatchSize = 0 }));
        Assert.StartsWith("Batch size must be at least 1 (got 0).", error.Message);
    }

    [Fact]
    public void Validation_split_that_leaves_no_data_is_refused()
    {
        using InMemoryDataset data = TrainingData.Classes(3);
        using TinyClassifierTrainer trainer = Trainer();
        var error = Assert.Throws<ArgumentException>(() => trainer.Fit(data, options: trainer.Options with { ValidationSplit = 0.1 }));
        Assert.StartsWith("Validation split 0.1 of 3 examples leaves 0 validation and 3 training examples", error.Message);
    }

    [Fact]
    public void Nan_loss_stops_with_epoch_step_and_advice()
    {
        // Inputs of 1e20 make the squared error overflow float32 on the first step.
        float[] x = new float[32 * 3];
        Array.Fill(x, 1e20f);
        using var data = new InMemoryDataset(torch.tensor(x, [32, 3]), torch.zeros(32, 1));
        using TinyRegressorTrainer trainer = TinyRegressorTrainer.Create(TinyRegressorTrainer.DefaultOptions with { Device = "cpu", Epochs = 1 });
        var error = Assert.Throws<TrainingDivergedException>(() => trainer.Fit(data));
        Assert.Equal(1, error.Epoch);
        Assert.InRange(error.Step, 1, 4);
        Assert.Contains($"at epoch 1, step {error.Step}", error.Message);
        Assert.Contains("Lower the learning rate", error.Message);
    }
}
