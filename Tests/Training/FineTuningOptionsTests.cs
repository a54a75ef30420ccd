using ModelDsl.Data;
using ModelDsl.Devices;
using ModelDsl.Training;
using TorchSharp;

namespace ModelDsl.Tests.Training;

/// <summary>
/// The fine-tuning options: warm-up schedules stepped per optimizer step, gradient accumulation, freezing by parameter
/// name, and AdamW without decay on biases and normalisation weights.
/// </summary>
public sealed class FineTuningOptionsTests
{
    /// <summary>Records the learning rate after every batch (after the step and the scheduler, when the batch stepped).</summary>
    private sealed class LearningRateRecorder : ITrainingCallback
    {
        public List<double> Rates { get; } = [];

        public void OnBatchEnd(TrainingContext context, BatchResult batch) => Rates.Add(context.Optimizer.ParamGroups.First().LearningRate);
    }

    private static List<double> RatesAfterEachBatch(TrainingOptions options, int rows)
    {
        TorchNative.EnsureLoaded();
        using var trainer = TinyClassifierTrainer.Create(options with { Device = "cpu" });
        var recorder = new LearningRateRecorder();
        trainer.Callbacks.Add(recorder);
        using InMemoryDataset data = TrainingData.Classes(rows);
        trainer.Fit(data);
        return recorder.Rates;
    }

    [Fact]
    public void Linear_warmup_rises_over_the_warmup_steps_then_falls_to_zero_at_the_last_step()
    {
        // 64 rows in batches of 16 for 2 epochs: 8 optimizer steps, 3 of warm-up. After step s the rate is the peak times
        // s/3 while warming up, then (8 - s)/(8 - 3).
        List<double> rates = RatesAfterEachBatch(TinyClassifierTrainer.DefaultOptions with
        {
            LearningRate = 0.01,
            BatchSize = 16,
            Epochs = 2,
            Schedule = LearningRateSchedule.WarmupLinear,
            WarmupSteps = 3,
        }, rows: 64);
        double[] expected = [0.01 / 3, 0.02 / 3, 0.01, 0.008, 0.006, 0.004, 0.002, 0];
        Assert.Equal(expected.Length, rates.Count);
        for (int i = 0; i < expected.Length; i++)
            Assert.Equal(expected[i], rates[i], 9);
    }

    [Fact]
    public void Cosine_warmup_with_a_ratio_follows_half_a_cosine_after_the_warmup()
    {
        // 10 steps, ratio 0.15 → ceil(1.5) = 2 warm-up steps, then 0.5·(1 + cos(π·(s − 2)/8)).
        List<double> rates = RatesAfterEachBatch(TinyClassifierTrainer.DefaultOptions with
        {
            LearningRate = 0.1,
            BatchSize = 16,
            Epochs = 2,
            Schedule = LearningRateSchedule.WarmupCosine,
            WarmupRatio = 0.15,
        }, rows: 80);
        Assert.Equal(10, rates.Count);
        Assert.Equal(0.05, rates[0], 9);
        Assert.Equal(0.1, rates[1], 9);
        Assert.Equal(0.1 * 0.5 * (1 + Math.Cos(Math.PI * 2 / 8)), rates[3], 9);
        Assert.Equal(0.05, rates[5], 9); // halfway through the decay
        Assert.Equal(0, rates[9], 9);
    }

    [Fact]
    public void With_accumulation_the_schedule_steps_once_per_group_and_the_last_short_group_still_steps()
    {
        // 5 batches per epoch, groups of 2: steps after batches 2, 4 and 5 (a group of one); 6 steps in 2 epochs, 1 warm-up.
        List<double> rates = RatesAfterEachBatch(TinyClassifierTrainer.DefaultOptions with
        {
            LearningRate = 0.01,
            BatchSize = 16,
            Epochs = 2,
            AccumulateSteps = 2,
            Schedule = LearningRateSchedule.WarmupLinear,
            WarmupSteps = 1,
        }, rows: 80);
        double[] factors = [0, 1, 1, 0.8, 0.6, 0.6, 0.4, 0.4, 0.2, 0];
        Assert.Equal(factors.Length, rates.Count);
        for (int i = 0; i < factors.Length; i++)
            Assert.Equal(0.01 * factors[i], rates[i], 9);
    }

    private static float[] WeightsAfterOneEpoch(int batchSize, int accumulate)
    {
        TorchNative.EnsureLoaded();
        var options = TinyRegressorTrainer.DefaultOptions with
        {
            Device = "cpu",
            Epochs = 1,
            BatchSize = batchSize,
            AccumulateSteps = accumulate,
            LearningRate = 0.1,
            Seed = 7,
        };
        using var trainer = TinyRegressorTrainer.Create(options);
        var random = new Random(3);
        float[] x = Enumerable.Range(0, 32 * 3).Select(_ => (float)random.NextDouble()).ToArray();
        float[] y = Enumerable.Range(0, 32).Select(i => x[i * 3] * 2 - x[i * 3 + 2]).ToArray();
        using var data = new InMemoryDataset(torch.tensor(x, [32, 3]), torch.tensor(y));
        trainer.Fit(data);
        return trainer.Model.parameters().SelectMany(p => p.detach().data<float>().ToArray()).ToArray();
    }

    [Fact]
    public void Accumulating_two_batches_of_8_steps_like_one_batch_of_16()
    {
        // The shuffled order depends on the seed and the row count only, so batches of 8 pair up into the batches of 16.
        float[] big = WeightsAfterOneEpoch(16, 1);
        float[] accumulated = WeightsAfterOneEpoch(8, 2);
        float[] small = WeightsAfterOneEpoch(8, 1);
        for (int i = 0; i < big.Length; i++)
            Assert.Equal(big[i], accumulated[i], 5);
        Assert.True(big.Zip(small, (a, b) => Math.Abs(a - b)).Max() > 1e-3, "four steps of 8 must differ from two steps of 16");
    }

    [Fact]
    public void Frozen_parameters_keep_their_values_and_a_later_run_without_freeze_trains_them()
    {
        TorchNative.EnsureLoaded();
        using var trainer = TinyClassifierTrainer.Create(TinyClassifierTrainer.DefaultOptions with { Device = "cpu", Epochs = 2 });
        using InMemoryDataset data = TrainingData.Classes(64);
        float[] Values(string name) => trainer.Model.named_parameters().Single(p => p.name == name).parameter.detach().data<float>().ToArray();
        float[] frozenBefore = Values("dense_1.weight"), trainedBefore = Values("dense_2.weight");

        trainer.Fit(data, options: trainer.Options with { Freeze = ["dense_1"] });

        Assert.Equal(frozenBefore, Values("dense_1.weight"));
        Assert.NotEqual(trainedBefore, Values("dense_2.weight"));
        Assert.False(trainer.Model.named_parameters().Single(n => n.name == "dense_1.bias").parameter.requires_grad);

        trainer.Fit(data, options: trainer.Options with { Epochs = 1 });
        Assert.NotEqual(frozenBefore, Values("dense_1.weight"));
    }

    [Fact]
    public void A_freeze_prefix_matches_whole_segments_and_one_that_matches_nothing_is_refused_by_name()
    {
        Assert.True(ModelTrainer<TinyClassifier>.FreezeMatches("encoder.layer.1.output.dense.weight", "encoder.layer.1"));
        Assert.False(ModelTrainer<TinyClassifier>.FreezeMatches("encoder.layer.10.output.dense.weight", "encoder.layer.1"));
        Assert.True(ModelTrainer<TinyClassifier>.FreezeMatches("dense_1.bias", "dense_1.bias"));

        TorchNative.EnsureLoaded();
        using var trainer = TinyClassifierTrainer.Create(TinyClassifierTrainer.DefaultOptions with { Device = "cpu", Epochs = 1 });
        using InMemoryDataset data = TrainingData.Classes(32);
        var error = Assert.Throws<ArgumentException>(() => trainer.Fit(data, options: trainer.Options with { Freeze = ["dense_1.kernel"] }));
        Assert.Contains("'dense_1.kernel' matches no parameter", error.Message);
        Assert.Contains("dense_2", error.Message);
        error = Assert.Throws<ArgumentException>(() => trainer.Fit(data, options: trainer.Options with { Freeze = ["dense_1", "dense_2"] }));
        Assert.Contains("nothing to train", error.Message);
    }

    private static Dictionary<string, float[]> AdamWStep(double weightDecay, bool decayBiasAndNorm)
    {
        TorchNative.EnsureLoaded();
        var options = TinyRegressorTrainer.DefaultOptions with
        {
            Device = "cpu",
            Epochs = 1,
            BatchSize = 8,
            Optimizer = Optimizer.AdamW,
            LearningRate = 0.1,
            WeightDecay = weightDecay,
            DecayBiasAndNorm = decayBiasAndNorm,
        };
        using var trainer = TinyRegressorTrainer.Create(options);
        using var data = new InMemoryDataset(torch.ones(8, 3), torch.full([8], 2f));
        trainer.Fit(data);
        return trainer.Model.named_parameters().ToDictionary(p => p.name, p => p.parameter.detach().data<float>().ToArray());
    }

    [Fact]
    public void AdamW_decays_the_weight_matrix_but_not_the_bias_unless_asked()
    {
        // One step from the same initial weights: decoupled decay multiplies a decayed parameter by (1 − lr·wd) = 0.5.
        Dictionary<string, float[]> plain = AdamWStep(0, false);
        Dictionary<string, float[]> recipe = AdamWStep(5, false);
        Dictionary<string, float[]> everything = AdamWStep(5, true);
        string weight = plain.Keys.Single(k => k.EndsWith(".weight", StringComparison.Ordinal));
        string bias = plain.Keys.Single(k => k.EndsWith(".bias", StringComparison.Ordinal));

        Assert.Equal(plain[bias], recipe[bias]);
        Assert.NotEqual(plain[weight], recipe[weight]);
        Assert.NotEqual(plain[bias], everything[bias]);
        Assert.Equal(recipe[weight], everything[weight]);
    }
}
