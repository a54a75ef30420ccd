using ModelDsl.Data;
using ModelDsl.Devices;
using ModelDsl.Explain;
using ModelDsl.Training;
using TorchSharp;

namespace ModelDsl.Tests.Training;

/// <summary>
/// The runtime half of graph models: a trainer of a hand-written two-input module (floats and token ids) trains,
/// evaluates, predicts, streams and explains through its <c>Forward</c> hook, and bad inputs are named in their errors.
/// </summary>
public sealed class MultiInputTrainingTests
{
    private static TwoInputTrainer NewTrainer(int seed = 1)
    {
        TorchNative.EnsureLoaded();
        torch.manual_seed(seed);
        return new TwoInputTrainer(new TwoInputModel(), TwoInputTrainer.TestOptions) { OwnsModel = true };
    }

    [Fact]
    public void Training_on_two_inputs_that_both_carry_signal_lowers_the_loss_and_uses_both()
    {
        using TwoInputTrainer trainer = NewTrainer();
        using InMemoryDataset train = TwoInputData.Make(512, seed: 2);
        using InMemoryDataset test = TwoInputData.Make(256, seed: 3);

        TrainingHistory history = trainer.Fit(train);
        IReadOnlyList<double> loss = history.Series("loss");
        Assert.True(loss[^1] < 0.6 * loss[0], $"loss went from {loss[0]} to {loss[^1]}");
        Assert.True(trainer.Evaluate(test)["accuracy"] > 0.9);

        // Either input alone decides the label on far fewer examples: the model must read both.
        float[] targets = test.Labels.data<float>().ToArray();
        IReadOnlyList<FeatureImportance> ranking = PermutationImportance.Compute(x => trainer.Predict(x), test.Inputs, targets, Accuracy, repeats: 2, seed: 4);
        Assert.All(ranking, r => Assert.True(r.Importance > 0.1, $"{r.Feature}: {r.Importance}"));
    }

    [Fact]
    public void Evaluate_and_Predict_agree_with_calling_the_module_directly()
    {
        using TwoInputTrainer trainer = NewTrainer();
        using InMemoryDataset train = TwoInputData.Make(256, seed: 5);
        using InMemoryDataset test = TwoInputData.Make(100, seed: 6);
        trainer.Fit(train, options: TwoInputTrainer.TestOptions with { Epochs = 2 });

        torch.Tensor direct, expectedLoss;
        using (torch.no_grad())
        {
            trainer.Model.eval();
            direct = torch.sigmoid(trainer.Model.call(test.Inputs["prices"], test.Inputs["tokens"]).reshape(-1));
            expectedLoss = torch.nn.functional.binary_cross_entropy(direct, test.Labels);
        }
        using (direct)
        using (expectedLoss)
        using (torch.Tensor predicted = trainer.Predict(test.Inputs))
        {
            Assert.True(predicted.allclose(direct, rtol: 1e-5, atol: 1e-6));
            (float[] all, _, double loss) = trainer.PredictAll(test);
            Assert.Equal(direct.data<float>().ToArray(), all, (a, b) => Math.Abs(a - b) < 1e-5);
            Assert.Equal(expectedLoss.item<float>(), trainer.Evaluate(test)["loss"], 4);
            Assert.Equal(loss, trainer.Evaluate(test)["loss"], 10);
        }
    }

    [Fact]
    public void Inputs_in_another_order_are_matched_by_name()
    {
        using TwoInputTrainer trainer = NewTrainer();
        using InMemoryDataset test = TwoInputData.Make(20, seed: 7);
        using var swapped = new ModelInputs(("tokens", test.Inputs["tokens"].alias()), ("prices", test.Inputs["prices"].alias()));
        using torch.Tensor expected = trainer.Predict(test.Inputs);
        using torch.Tensor actual = trainer.Predict(swapped);
        Assert.True(Same(actual, expected));
    }

    [Fact]
    public void Streaming_two_inputs_gives_the_same_batches_and_weights_as_in_memory()
    {
        using InMemoryDataset train = TwoInputData.Make(200, seed: 8);
        TrainingOptions options = TwoInputTrainer.TestOptions with { Epochs = 3 };

        using TwoInputTrainer inMemory = NewTrainer(seed: 9);
        TrainingHistory expected = inMemory.Fit(train, options: options);
        using TwoInputTrainer streaming = NewTrainer(seed: 9);
        TrainingHistory actual = streaming.Fit(StreamingDataset.Over(train), options: options);

        Assert.Equal(expected.Series("loss"), actual.Series("loss"));
        foreach (var (name, weight) in inMemory.Model.state_dict())
            Assert.True(Same(weight, streaming.Model.state_dict()[name]), $"{name} differs");

        // The loaders themselves: the same rows of both inputs, in the same order.
        using var memoryLoader = new BatchLoader(train, 64, torch.CPU, shuffle: true, seed: 10);
        var prefetching = new PrefetchingBatchLoader(StreamingDataset.Over(train), 64, torch.CPU, shuffle: true, seed: 10);
        var fromMemory = memoryLoader.InputBatches(2).ToList();
        var streamed = prefetching.InputBatches(2).ToList();
        Assert.Equal(fromMemory.Count, streamed.Count);
        for (int b = 0; b < fromMemory.Count; b++)
        {
            Assert.Equal(["prices", "tokens"], streamed[b].Inputs.Names);
            Assert.True(Same(fromMemory[b].Inputs["prices"], streamed[b].Inputs["prices"]));
            Assert.True(Same(fromMemory[b].Inputs["tokens"], streamed[b].Inputs["tokens"]));
            Assert.True(Same(fromMemory[b].Labels, streamed[b].Labels));
        }
        foreach (var (inputs, labels) in fromMemory.Concat(streamed))
        {
            inputs.Dispose();
            labels.Dispose();
        }
    }

    [Fact]
    public void Permutation_importance_ranks_one_group_per_input_and_an_input_the_target_ignores_scores_about_zero()
    {
        using TwoInputTrainer trainer = NewTrainer();
        // The label depends on prices only; the tokens are noise.
        using InMemoryDataset train = TwoInputData.Make(512, seed: 11, tokensCount: false);
        using InMemoryDataset test = TwoInputData.Make(400, seed: 12, tokensCount: false);
        trainer.Fit(train);

        float[] targets = test.Labels.data<float>().ToArray();
        IReadOnlyList<FeatureImportance> ranking = PermutationImportance.Compute(x => trainer.Predict(x), test.Inputs, targets, Accuracy, repeats: 3, seed: 13);

        Assert.Equal(["prices", "tokens"], ranking.Select(r => r.Feature).Order());
        Assert.True(ranking.Single(r => r.Feature == "prices").Importance > 0.3, string.Join(", ", ranking));
        Assert.True(Math.Abs(ranking.Single(r => r.Feature == "tokens").Importance) < 0.03, string.Join(", ", ranking));

        // Groups within an input (a record's properties): only prices[0] matters.
        IReadOnlyList<FeatureImportance> columns = PermutationImportance.Compute(x => trainer.Predict(x), test.Inputs, targets, Accuracy,
            [.. FeatureGroup.InInput("prices", FeatureGroup.OnePerColumn(["p0", "p1", "p2", "p3"])), FeatureGroup.WholeInput("tokens")], repeats: 3, seed: 13);
        Assert.Equal("p0", columns[0].Feature);
        Assert.True(columns.Skip(1).All(c => Math.Abs(c.Importance) < 0.05), string.Join(", ", columns));
    }

    [Fact]
    public void Integrated_gradients_attribute_the_float_input_through_forward_and_refuse_token_ids()
    {
        using TwoInputTrainer trainer = NewTrainer();
        using InMemoryDataset test = TwoInputData.Make(5, seed: 14);
        using InMemoryDataset example = test.Slice(0, 1);
        using var baseline = new ModelInputs(("prices", torch.zeros(1, TwoInputModel.Features)), ("tokens", torch.zeros(1, TwoInputModel.Length, dtype: torch.int64)));

        IntegratedGradientsResult result = trainer.ExplainIntegratedGradients(example.Inputs, baseline, target: 0, input: "prices", steps: 8);

        // The model is linear in prices: attributions are exactly weight × value, and complete.
        float[] weights = trainer.Model.DenseWeight.detach().reshape(-1).data<float>().ToArray();
        float[] values = example.Inputs["prices"].reshape(-1).data<float>().ToArray();
        Assert.Equal(weights.Zip(values, (w, v) => w * v).ToArray(), result.Attributions, (a, b) => Math.Abs(a - b) < 1e-5);
        Assert.True(result.CompletenessError < 1e-5);

        var tokens = Assert.Throws<ArgumentException>(() => trainer.ExplainIntegratedGradients(example.Inputs, baseline, 0, input: "tokens"));
        Assert.Contains("'tokens' holds token ids", tokens.Message);
        var unnamed = Assert.Throws<ArgumentException>(() => trainer.ExplainIntegratedGradients(example.Inputs, baseline, 0));
        Assert.Contains("name the one to attribute ('prices')", unnamed.Message);
    }

    [Fact]
    public void A_trainer_of_a_multi_input_module_without_a_forward_override_says_so()
    {
        TorchNative.EnsureLoaded();
        using var model = new TwoInputModel();
        using var trainer = new TwoInputTrainerWithoutForward(model);
        using InMemoryDataset test = TwoInputData.Make(4, seed: 15);
        var error = Assert.Throws<InvalidOperationException>(() => trainer.Predict(test.Inputs));
        Assert.Contains("TwoInputTrainerWithoutForward must override Forward(ModelInputs)", error.Message);
        Assert.Contains("'prices', 'tokens'", error.Message);
        Assert.Throws<InvalidOperationException>(() => trainer.InputShape);
    }

    [Fact]
    public void A_model_with_one_named_input_takes_one_tensor_data_and_names_its_input_in_errors()
    {
        TorchNative.EnsureLoaded();
        torch.manual_seed(3);
        using var model = new ModelDsl.Tests.Checkpoints.HandWrittenClassifier();
        using var trainer = new NamedInputClassifierTrainer(model, TwoInputTrainer.TestOptions with { Epochs = 4, Metrics = [] });
        using InMemoryDataset train = ModelDsl.Tests.Checkpoints.HandWrittenClassifierTrainer.Data(256, seed: 4);
        IReadOnlyList<double> loss = trainer.Fit(train).Series("loss");
        Assert.True(loss[^1] < loss[0]);
        using torch.Tensor first = train.Features.narrow(0, 0, 3);
        using torch.Tensor predicted = trainer.Predict(first);
        Assert.Equal([3L, 3L], predicted.shape);

        using var ids = new InMemoryDataset(torch.zeros(4, 8, dtype: torch.int64), torch.zeros(4, dtype: torch.int64));
        var error = Assert.Throws<InvalidDataException>(() => trainer.Evaluate(ids));
        Assert.Contains("Input 'applicant' of the evaluation data holds Int64 values", error.Message);
        Assert.Equal(ModelInput.Floats("applicant", [8]), trainer.Inputs.Single());
    }

    [Fact]
    public void A_checkpoint_of_a_two_input_model_reloads_and_predicts_the_same()
    {
        string folder = Path.Combine(Path.GetTempPath(), "mdsl-two-input-" + Guid.NewGuid().ToString("N"));
        try
        {
            using InMemoryDataset train = TwoInputData.Make(128, seed: 16);
            using TwoInputTrainer trainer = NewTrainer();
            trainer.CheckpointTo(new ModelDsl.Checkpoints.CheckpointStore(folder), finalEpoch: 2);
            trainer.Fit(train, options: TwoInputTrainer.TestOptions with { Epochs = 2 });

            using TwoInputTrainer reloaded = NewTrainer(seed: 17);
            ModelDsl.Checkpoints.CheckpointStore.LoadWeights(new ModelDsl.Checkpoints.CheckpointStore(folder).Latest()!, reloaded.Model, reloaded.SpecHash);
            using torch.Tensor expected = trainer.Predict(train.Inputs);
            using torch.Tensor actual = reloaded.Predict(train.Inputs);
            Assert.True(Same(actual, expected));
        }
        finally
        {
            if (Directory.Exists(folder))
                Directory.Delete(folder, recursive: true);
        }
    }

    private static double Accuracy(float[] probabilities, float[] targets) =>
        probabilities.Zip(targets, (p, t) => (p > 0.5f ? 1f : 0f) == t ? 1.0 : 0.0).Average();

    private static bool Same(torch.Tensor a, torch.Tensor b)
    {
        using torch.Tensor equal = a.eq(b);
        return a.shape.SequenceEqual(b.shape) && equal.all().item<bool>();
    }
}
