using ModelDsl.Data;
using ModelDsl.Tests.Support;
using ModelDsl.Training;
using TorchSharp;

namespace ModelDsl.Tests.Training;

/// <summary>The generated trainers over the runtime loop: learning, determinism, flat memory, and early, clear errors.</summary>
public sealed class TrainerTests
{
    private static TrainingOptions Cpu(TrainingOptions options) => options with { Device = "cpu" };

    [Fact]
    public void Trainer_learns_a_separable_problem_and_reports_declared_metrics()
    {
        using InMemoryDataset train = TrainingData.Classes(600, seed: 1);
        using InMemoryDataset test = TrainingData.Classes(300, seed: 2);
        using TinyClassifierTrainer trainer = TinyClassifierTrainer.Create(Cpu(TinyClassifierTrainer.DefaultOptions));
        TrainingHistory history = trainer.Fit(train, test);

        Assert.Equal(5, history.Epochs.Count);
        Assert.True(history.Series("loss")[^1] < history.Series("loss")[0] * 0.6, string.Join(", ", history.Series("loss")));
        EvaluationResult result = trainer.Evaluate(test);
        Assert.Equal(["loss", "accuracy", "f1"], result.Values.Select(v => v.Key));
        Assert.True(result["accuracy"] > 0.85, $"accuracy {result["accuracy"]}");
        Assert.Equal(["loss", "accuracy", "val_loss", "val_accuracy", "val_f1"], history.Epochs[0].Values.Select(v => v.Key));

        using torch.Tensor probabilities = trainer.Predict(test.Features.narrow(0, 0, 5));
        Assert.Equal(new long[] { 5, 3 }, probabilities.shape);
        Assert.True(probabilities.sum(1).allclose(torch.ones(5)), "Predict returns softmax probabilities");
    }

    [Fact]
    public void Two_cpu_runs_with_the_same_seed_give_identical_loss_curves()
    {
        IReadOnlyList<double> Run()
        {
            using InMemoryDataset train = TrainingData.Classes(256);
            using TinyClassifierTrainer trainer = TinyClassifierTrainer.Create(Cpu(TinyClassifierTrainer.DefaultOptions));
            return trainer.Fit(train).Series("loss");
        }
        IReadOnlyList<double> first = Run(), second = Run();
        Assert.Equal(first, second);

        using InMemoryDataset data = TrainingData.Classes(256);
        using TinyClassifierTrainer other = TinyClassifierTrainer.Create(Cpu(TinyClassifierTrainer.DefaultOptions with { Seed = 7 }));
        Assert.NotEqual(first, other.Fit(data).Series("loss"));
    }

    [Fact]
    public void Live_tensors_stay_flat_over_twenty_epochs()
    {
        using InMemoryDataset train = TrainingData.Classes(512);
        using InMemoryDataset validation = TrainingData.Classes(128, seed: 3);
        using TinyClassifierTrainer trainer = TinyClassifierTrainer.Create(Cpu(TinyClassifierTrainer.DefaultOptions with { Epochs = 20 }));
        var recorder = new LiveTensorRecorder();
        trainer.Callbacks.Add(recorder);
        trainer.Fit(train, validation);

        Assert.Equal(20, recorder.LiveTensors.Count);
        long afterSecond = recorder.LiveTensors[1];
        Assert.All(recorder.LiveTensors.Skip(2), count => Assert.True(count <= afterSecond,
            $"live tensors grew after epoch 2: {string.Join(", ", recorder.LiveTensors)}"));
        long memoryGrowth = recorder.WorkingSet[^1] - recorder.WorkingSet[1];
        Console.WriteLine($"process memory after epoch 2 → 20: {recorder.WorkingSet[1] / 1e6:F1} MB → {recorder.WorkingSet[^1] / 1e6:F1} MB");
        Assert.True(memoryGrowth < 64_000_000, $"process memory grew by {memoryGrowth / 1e6:F1} MB");
    }

    [Fact]
    public void Regression_trainer_uses_mse_and_reports_mae()
    {
        var random = new Random(5);
        float[] x = Enumerable.Range(0, 300).Select(_ => (float)random.NextDouble()).ToArray();
        float[] y = Enumerable.Range(0, 100).Select(i => 2 * x[i * 3] - x[i * 3 + 1] + 0.5f * x[i * 3 + 2]).ToArray();
        using var data = new InMemoryDataset(torch.tensor(x, [100, 3]), torch.tensor(y, [100, 1]));
        using TinyRegressorTrainer trainer = TinyRegressorTrainer.Create(Cpu(TinyRegressorTrainer.DefaultOptions with { Epochs = 40 }));
        TrainingHistory history = trainer.Fit(data);
        Assert.True(history.Series("loss")[^1] < history.Series("loss")[0] / 4);
        Assert.Equal(ModelTask.Regression, TinyRegressorTrainer.DeclaredOutput.Task);
        Assert.True(trainer.Evaluate(data)["mae"] < 0.2);
    }

    [Fact]
    public void History_is_written_as_csv_json_and_png()
    {
        using InMemoryDataset train = TrainingData.Classes(64);
        using TinyClassifierTrainer trainer = TinyClassifierTrainer.Create(Cpu(TinyClassifierTrainer.DefaultOptions with { Epochs = 3 }));
        TrainingHistory history = trainer.Fit(train);
        using var temporary = new TemporaryFolder();
        string folder = temporary.Path;
        history.WriteCsv(Path.Combine(folder, "h.csv"));
        history.WriteJson(Path.Combine(folder, "h.json"));
        history.WritePlot(Path.Combine(folder, "h.png"));

        string[] csv = File.ReadAllLines(Path.Combine(folder, "h.csv"));
        Assert.Equal("epoch,loss,accuracy,lr,seconds", csv[0]);
        Assert.Equal(4, csv.Length);
        TrainingHistory reread = TrainingHistory.FromJson(File.ReadAllText(Path.Combine(folder, "h.json")));
        Assert.Equal(history.Series("loss"), reread.Series("loss"));
        byte[] png = File.ReadAllBytes(Path.Combine(folder, "h.png"));
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
    }

    [Fact]
    public void A_validation_split_holds_out_the_last_rows_and_leaves_the_callers_data_as_it_was()
    {
        using InMemoryDataset data = TrainingData.Classes(400, seed: 4);
        using torch.Tensor featuresBefore = data.Features.clone();
        TrainingOptions options = Cpu(TinyClassifierTrainer.DefaultOptions with { Epochs = 2, RestoreBestWeights = false });

        using TinyClassifierTrainer splitting = TinyClassifierTrainer.Create(options with { ValidationSplit = 0.25 });
        TrainingHistory split = splitting.Fit(data);

        // The same run with the split made by hand: the first 300 rows train, the last 100 validate.
        using InMemoryDataset head = data.Slice(0, 300), tail = data.Slice(300, 100);
        using TinyClassifierTrainer explicitly = TinyClassifierTrainer.Create(options);
        TrainingHistory expected = explicitly.Fit(head, tail);

        Assert.Equal(expected.Series("loss"), split.Series("loss"));
        Assert.Equal(expected.Series("val_loss"), split.Series("val_loss"));
        Assert.Equal(splitting.Evaluate(tail)["loss"], split.Series("val_loss")[^1], 6);
        Assert.Equal(400, data.Count);
        Assert.True(data.Features.allclose(featuresBefore, rtol: 0, atol: 0), "Fit changed the caller's features");
    }

    [Fact]
    public void Restoring_best_weights_records_the_epoch_they_come_from()
    {
        using InMemoryDataset data = TrainingData.Classes(300, seed: 6);
        // A learning rate far too high makes the training loss go up and down, so the best epoch is rarely the last.
        TrainingOptions options = Cpu(TinyClassifierTrainer.DefaultOptions with
        {
            Epochs = 8,
            LearningRate = 3.0,
            Monitor = "loss",
            MinDelta = 0,
            Patience = 0,
            RestoreBestWeights = true,
            ValidationSplit = 0,
        });
        using TinyClassifierTrainer trainer = TinyClassifierTrainer.Create(options);
        TrainingHistory history = trainer.Fit(data);

        IReadOnlyList<double> losses = history.Series("loss");
        int lowest = losses.ToList().IndexOf(losses.Min()) + 1;
        Assert.Equal(lowest, history.RestoredEpoch);

        using TinyClassifierTrainer plain = TinyClassifierTrainer.Create(options with { RestoreBestWeights = false });
        Assert.Null(plain.Fit(data).RestoredEpoch);
    }

    private sealed class LiveTensorRecorder : ITrainingCallback
    {
        public List<long> LiveTensors { get; } = [];

        public List<long> WorkingSet { get; } = [];

        public void OnEpochEnd(TrainerSnapshot snapshot)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            LiveTensors.Add(torch.Tensor.TotalCount);
            WorkingSet.Add(Environment.WorkingSet);
        }
    }
}
