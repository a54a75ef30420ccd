using ModelDsl.Data;
using ModelDsl.Devices;
using ModelDsl.Tests.Training;
using ModelDsl.Training;
using TorchSharp;

namespace ModelDsl.Tests.Data;

/// <summary>Named input batches and the datasets, loaders and validator that carry them: row counts, names and kinds are checked and named in errors.</summary>
public sealed class ModelInputsTests
{
    private static readonly ModelOutput Binary = new(ModelTask.Binary, 1);

    [Fact]
    public void Inputs_are_read_by_position_and_name_and_an_unknown_name_lists_the_names()
    {
        TorchNative.EnsureLoaded();
        using var inputs = new ModelInputs(("prices", torch.zeros(3, 4)), ("tokens", torch.ones(3, 6, dtype: torch.int64)));
        Assert.Equal(2, inputs.Count);
        Assert.Equal(["prices", "tokens"], inputs.Names);
        Assert.Equal(3, inputs.Rows);
        Assert.Same(inputs[1], inputs["tokens"]);
        var error = Assert.Throws<KeyNotFoundException>(() => inputs["headlines"]);
        Assert.Contains("no input named 'headlines'; the inputs are 'prices', 'tokens'", error.Message);
        using ModelInputs single = ModelInputs.Single(torch.zeros(2, 1));
        Assert.Equal(["input"], single.Names);
    }

    [Fact]
    public void Inputs_of_different_row_counts_or_labels_of_another_count_are_refused_naming_the_input()
    {
        TorchNative.EnsureLoaded();
        using torch.Tensor prices = torch.zeros(10, 4), tokens = torch.zeros(9, 6, dtype: torch.int64);
        var rows = Assert.Throws<ArgumentException>(() => new ModelInputs(("prices", prices), ("tokens", tokens)));
        Assert.Contains("Input 'tokens' has 9 rows but input 'prices' has 10", rows.Message);

        var duplicate = Assert.Throws<ArgumentException>(() => new ModelInputs(("prices", prices), ("prices", prices)));
        Assert.Contains("Two inputs are named 'prices'", duplicate.Message);

        using torch.Tensor labels = torch.zeros(8);
        var inputs = new ModelInputs(("prices", prices.alias()), ("tokens", torch.zeros(10, 6, dtype: torch.int64)));
        var labelRows = Assert.Throws<ArgumentException>(() => new InMemoryDataset(inputs, labels));
        Assert.Contains("Input 'prices' has 10 rows but the labels have shape [8]", labelRows.Message);
        inputs.Dispose();
    }

    [Fact]
    public void A_multi_input_dataset_slices_every_input_and_has_no_single_features_tensor()
    {
        TorchNative.EnsureLoaded();
        using InMemoryDataset data = TwoInputData.Make(10, seed: 1);
        var error = Assert.Throws<InvalidOperationException>(() => data.Features);
        Assert.Contains("2 inputs ('prices', 'tokens')", error.Message);

        using InMemoryDataset slice = data.Slice(7, 3);
        Assert.Equal(["prices", "tokens"], slice.Inputs.Names);
        Assert.True(Same(slice.Inputs["tokens"], data.Inputs["tokens"].narrow(0, 7, 3)));
        Assert.True(Same(slice.Inputs["prices"], data.Inputs["prices"].narrow(0, 7, 3)));
        (InMemoryDataset train, InMemoryDataset validation) = data.SplitLast(0.2);
        using (train)
        using (validation)
        {
            Assert.Equal(8, train.Count);
            Assert.True(Same(validation.Inputs["tokens"], data.Inputs["tokens"].narrow(0, 8, 2)));
            Assert.True(Same(validation.Labels, data.Labels.narrow(0, 8, 2)));
        }

        using var loader = new BatchLoader(data, 4, torch.CPU, shuffle: false, seed: 0);
        Assert.Throws<InvalidOperationException>(() => loader.Batches(1).ToList());
    }

    [Fact]
    public void The_validator_names_the_input_with_the_wrong_shape_kind_or_token_id()
    {
        TorchNative.EnsureLoaded();
        IReadOnlyList<ModelInput> declared = TwoInputModel.Inputs;

        using InMemoryDataset shortTokens = Dataset(torch.zeros(4, 4), torch.zeros(4, 5, dtype: torch.int64));
        var shape = Assert.Throws<InvalidDataException>(() => DatasetValidator.Validate(shortTokens, declared, Binary, "training data"));
        Assert.Contains("shape (5) in input 'tokens' but the model expects (6)", shape.Message);

        using InMemoryDataset floatTokens = Dataset(torch.zeros(4, 4), torch.zeros(4, 6));
        var kind = Assert.Throws<InvalidDataException>(() => DatasetValidator.Validate(floatTokens, declared, Binary, "training data"));
        Assert.Contains("Input 'tokens' of the training data holds Float32 values but the model declares it token ids", kind.Message);

        using InMemoryDataset intPrices = Dataset(torch.zeros(4, 4, dtype: torch.int64), torch.zeros(4, 6, dtype: torch.int64));
        var floats = Assert.Throws<InvalidDataException>(() => DatasetValidator.Validate(intPrices, declared, Binary, "training data"));
        Assert.Contains("Input 'prices' of the training data holds Int64 values but the model declares it a float input", floats.Message);

        torch.Tensor ids = torch.zeros(4, 6, dtype: torch.int64);
        ids[2, 3] = torch.tensor(10L);
        using InMemoryDataset outside = Dataset(torch.zeros(4, 4), ids);
        var range = Assert.Throws<InvalidDataException>(() => DatasetValidator.Validate(outside, declared, Binary, "validation data"));
        Assert.Contains("token id 10 at row 2, position 3 of input 'tokens'; token ids must be from 0 to 9", range.Message);

        torch.Tensor prices = torch.zeros(4, 4);
        prices[1, 2] = torch.tensor(float.NaN);
        using InMemoryDataset nan = Dataset(prices, torch.zeros(4, 6, dtype: torch.int64));
        var finite = Assert.Throws<InvalidDataException>(() => DatasetValidator.Validate(nan, declared, Binary, "training data"));
        Assert.Contains("at row 1, feature 2 (flattened index) of input 'prices'", finite.Message);

        using var wrongNames = new InMemoryDataset(new ModelInputs(("prices", torch.zeros(4, 4)), ("text", torch.zeros(4, 6, dtype: torch.int64))), torch.zeros(4));
        var names = Assert.Throws<InvalidDataException>(() => DatasetValidator.Validate(wrongNames, declared, Binary, "training data"));
        Assert.Contains("missing 'tokens'; not declared 'text'", names.Message);
    }

    [Fact]
    public void Fit_refuses_a_wrong_input_before_training_naming_it()
    {
        TorchNative.EnsureLoaded();
        torch.manual_seed(1);
        using var trainer = new TwoInputTrainer(new TwoInputModel(), TwoInputTrainer.TestOptions) { OwnsModel = true };
        using InMemoryDataset data = Dataset(torch.zeros(4, 3), torch.zeros(4, 6, dtype: torch.int64));
        var error = Assert.Throws<InvalidDataException>(() => trainer.Fit(data));
        Assert.Contains("in input 'prices' but the model expects (4)", error.Message);

        var streamed = new StreamingDataset(4, [("prices", [4L]), ("tokens", [7L])], _ => throw new InvalidOperationException("must not read"));
        var streamError = Assert.Throws<InvalidDataException>(() => trainer.Fit(streamed));
        Assert.Contains("shape (7) in input 'tokens'", streamError.Message);
    }

    [Fact]
    public void A_streaming_reader_that_returns_other_inputs_and_repeated_input_names_are_refused()
    {
        TorchNative.EnsureLoaded();
        var streamed = new StreamingDataset(4, [("prices", [4L]), ("tokens", [6L])],
            indices => (new ModelInputs(("prices", torch.zeros(indices.Length, 4)), ("text", torch.zeros(indices.Length, 6, dtype: torch.int64))), torch.zeros(indices.Length)));
        var read = Assert.Throws<InvalidDataException>(() => streamed.ReadInputs([0, 1]));
        Assert.Contains("returned inputs 'prices', 'text' of 2 rows and 2 labels for 2 indices; expected inputs 'prices', 'tokens'", read.Message);
        var single = Assert.Throws<InvalidOperationException>(() => streamed.Read([0]));
        Assert.Contains("2 inputs ('prices', 'tokens')", single.Message);

        var repeated = Assert.Throws<ArgumentException>(() => new StreamingDataset(4, [("prices", [4L]), ("prices", [6L])], _ => throw new InvalidOperationException()));
        Assert.Contains("Two inputs are named 'prices'", repeated.Message);
        using var model = new TwoInputModel();
        var trainer = Assert.Throws<ArgumentException>(() => new NamedInputsTrainer(model, [ModelInput.Floats("a", [1]), ModelInput.Floats("a", [2])]));
        Assert.Contains("Two inputs are named 'a'", trainer.Message);
    }

    private sealed class NamedInputsTrainer(TwoInputModel model, IReadOnlyList<ModelInput> inputs)
        : ModelTrainer<TwoInputModel>(model, TwoInputTrainer.TestOptions, Binary, inputs, "test");

    private static InMemoryDataset Dataset(torch.Tensor prices, torch.Tensor tokens) =>
        new(new ModelInputs(("prices", prices), ("tokens", tokens)), torch.zeros(prices.shape[0]));

    private static bool Same(torch.Tensor a, torch.Tensor b)
    {
        using torch.Tensor equal = a.eq(b);
        return a.shape.SequenceEqual(b.shape) && equal.all().item<bool>();
    }
}
