using TorchSharp;
using ModelDsl.Training;

namespace ModelDsl.Data;

/// <summary>Checks a dataset against a model before any training step, so bad input fails early with the row and field.</summary>
public static class DatasetValidator
{
    /// <summary>
    /// Throws <see cref="InvalidDataException"/> when a dataset of <paramref name="count"/> examples of shape
    /// <paramref name="example"/> is empty or does not have the model's input shape: the checks that need no rows, so they
    /// also apply to streamed data before anything is read.
    /// </summary>
    public static void ValidateShape(long count, IReadOnlyList<long> example, IReadOnlyList<long> inputShape, string what)
    {
        if (count == 0)
            throw new InvalidDataException($"The {what} is empty: it has no rows.");
        if (!example.SequenceEqual(inputShape))
            throw new InvalidDataException(
                $"The {what} has examples of shape ({string.Join(", ", example)}) but the model expects ({string.Join(", ", inputShape)}), " +
                "without the batch dimension (e.g. images of the wrong size or a wrong window length).");
    }

    /// <summary>
    /// <see cref="ValidateShape"/> for named inputs: the data must have the inputs the model declares (any one input for a
    /// one-input model, whatever its name; otherwise the same names, in any order), each of its declared shape. Names the
    /// input in its message.
    /// </summary>
    /// <exception cref="InvalidDataException">The data is empty, lacks a declared input, has one the model does not declare, or an input has the wrong shape.</exception>
    public static void ValidateShapes(long count, IReadOnlyList<(string Name, IReadOnlyList<long> Shape)> examples, IReadOnlyList<ModelInput> inputs, string what)
    {
        if (count == 0)
            throw new InvalidDataException($"The {what} is empty: it has no rows.");
        int[] order = Match(examples.Select(e => e.Name).ToList(), inputs, what);
        for (int i = 0; i < inputs.Count; i++)
        {
            IReadOnlyList<long> example = examples[order[i]].Shape;
            if (!example.SequenceEqual(inputs[i].Shape))
                throw new InvalidDataException(
                    $"The {what} has examples of shape ({string.Join(", ", example)}) in input '{inputs[i].Name}' but the model expects {inputs[i].ShapeText}, " +
                    "without the batch dimension (e.g. images of the wrong size, a wrong window length or sequence length).");
        }
    }

    /// <summary>
    /// For each declared input, the position of its tensor among <paramref name="names"/>: a one-input model takes any one
    /// input (data made with the one-tensor constructors is named "input"); otherwise the names must be the declared ones.
    /// </summary>
    /// <exception cref="InvalidDataException">The names are not the declared ones.</exception>
    public static int[] Match(IReadOnlyList<string> names, IReadOnlyList<ModelInput> inputs, string what)
    {
        if (inputs.Count == 1 && names.Count == 1)
            return [0];
        string[] missing = inputs.Select(i => i.Name).Where(n => !names.Contains(n)).ToArray();
        string[] unexpected = names.Where(n => inputs.All(i => i.Name != n)).ToArray();
        if (missing.Length > 0 || unexpected.Length > 0)
            throw new InvalidDataException(
                $"The {what} has inputs {ModelInputs.Describe(names)} but the model declares {ModelInputs.Describe(inputs.Select(i => i.Name))}" +
                (missing.Length > 0 ? $"; missing {ModelInputs.Describe(missing)}" : "") +
                (unexpected.Length > 0 ? $"; not declared {ModelInputs.Describe(unexpected)}" : "") + ".");
        return inputs.Select(i => names.ToList().IndexOf(i.Name)).ToArray();
    }

    /// <summary>
    /// True when every element is finite: one float64 sum, which is NaN or infinite exactly when an element is (float32
    /// and float16 values cannot overflow a float64 sum), instead of a boolean tensor the size of the data. Validation
    /// runs at every <c>Fit</c>, so it should cost one pass over the data and nothing more.
    /// </summary>
    private static bool AllFinite(torch.Tensor features)
    {
        if (features.dtype == torch.float64)
        {
            using torch.Tensor all = torch.isfinite(features).all();
            return all.item<bool>();
        }
        using torch.Tensor sum = features.sum(type: torch.float64);
        return double.IsFinite(sum.item<double>());
    }

    /// <summary>Throws <see cref="InvalidDataException"/> naming the first problem found (one-input data: shape, finite features, labels).</summary>
    /// <param name="what">How to call the dataset in messages (e.g. "training data").</param>
    public static void Validate(InMemoryDataset data, IReadOnlyList<long> inputShape, ModelOutput output, string what)
    {
        ValidateShape(data.Count, data.ExampleShape, inputShape, what);
        if (data.Features.is_floating_point())
            ValidateFinite(data.Features, data.Count, "", what);
        ValidateLabels(data, output, what);
    }

    /// <summary>
    /// Throws <see cref="InvalidDataException"/> naming the first problem found and the input it is in: the inputs
    /// (<see cref="ValidateShapes"/>), each input's kind (floats for a float input, int64 for token ids), finite floats,
    /// token ids inside the vocabulary, then the labels.
    /// </summary>
    /// <param name="data">The dataset.</param>
    /// <param name="inputs">The model's declared inputs.</param>
    /// <param name="output">The model's output, which the labels must fit.</param>
    /// <param name="what">How to call the dataset in messages (e.g. "training data").</param>
    public static void Validate(InMemoryDataset data, IReadOnlyList<ModelInput> inputs, ModelOutput output, string what)
    {
        ValidateShapes(data.Count, data.Inputs.ExampleShapes, inputs, what);
        int[] order = Match(data.Inputs.Names, inputs, what);
        for (int i = 0; i < inputs.Count; i++)
        {
            ModelInput input = inputs[i];
            torch.Tensor tensor = data.Inputs[order[i]];
            string where = $" of input '{input.Name}'";
            if (input.Kind == ModelInputKind.Float)
            {
                if (!tensor.is_floating_point())
                    throw new InvalidDataException(
                        $"Input '{input.Name}' of the {what} holds {tensor.dtype} values but the model declares it a float input; convert it (e.g. to float32), or declare it as token ids.");
                ValidateFinite(tensor, data.Count, where, what);
            }
            else
            {
                if (tensor.dtype != torch.int64)
                    throw new InvalidDataException(
                        $"Input '{input.Name}' of the {what} holds {tensor.dtype} values but the model declares it token ids, which must be int64.");
                ValidateTokenIds(tensor, data.Count, input, what);
            }
        }
        ValidateLabels(data, output, what);
    }

    private static void ValidateFinite(torch.Tensor features, long count, string where, string what)
    {
        if (AllFinite(features))
            return;
        using var scope = torch.NewDisposeScope();
        torch.Tensor bad = torch.isfinite(features).logical_not().reshape(count, -1);
        if (!bad.any().item<bool>())
            return;
        torch.Tensor position = bad.nonzero()[0];
        long row = position[0].item<long>(), column = position[1].item<long>();
        double value = features.reshape(count, -1)[row, column].to(torch.float64).item<double>();
        throw new InvalidDataException($"The {what} has a non-finite feature ({value}) at row {row}, feature {column} (flattened index){where}; features must be finite numbers.");
    }

    /// <summary>Token ids are indices into an embedding: a negative one, or one past the vocabulary, would fail deep inside libtorch.</summary>
    private static void ValidateTokenIds(torch.Tensor ids, long count, ModelInput input, string what)
    {
        using var scope = torch.NewDisposeScope();
        torch.Tensor outside = ids < 0;
        if (input.Vocabulary is long vocabulary)
            outside = outside.logical_or(ids >= vocabulary);
        torch.Tensor flat = outside.reshape(count, -1);
        if (!flat.any().item<bool>())
            return;
        torch.Tensor position = flat.nonzero()[0];
        long row = position[0].item<long>(), column = position[1].item<long>();
        long value = ids.reshape(count, -1)[row, column].item<long>();
        string range = input.Vocabulary is long v ? $"from 0 to {v - 1} (a vocabulary of {v})" : "of at least 0";
        throw new InvalidDataException(
            $"The {what} has token id {value} at row {row}, position {column} of input '{input.Name}'; token ids must be {range}.");
    }

    private static void ValidateLabels(InMemoryDataset data, ModelOutput output, string what)
    {
        if (output.Task == ModelTask.Regression)
        {
            ValidateRegressionTargets(data, what);
            return;
        }
        using (var scope = torch.NewDisposeScope())
        {
            torch.Tensor labels = data.Labels.reshape(-1).to(torch.float64);
            long classes = output.Task == ModelTask.Binary ? 2 : output.Units;
            torch.Tensor outside = (labels < 0).logical_or(labels >= classes).logical_or(labels != labels.floor());
            if (outside.any().item<bool>())
            {
                long row = outside.nonzero()[0][0].item<long>();
                double value = labels[row].item<double>();
                throw new InvalidDataException(
                    $"The {what} has label {value} at row {row}, outside the model's {classes} classes (expected an integer from 0 to {classes - 1}).");
            }
        }
    }

    /// <summary>Regression targets must be finite too: a NaN target would only surface later as a diverged loss.</summary>
    private static void ValidateRegressionTargets(InMemoryDataset data, string what)
    {
        if (!data.Labels.is_floating_point() || AllFinite(data.Labels))
            return;
        using var scope = torch.NewDisposeScope();
        torch.Tensor bad = torch.isfinite(data.Labels).logical_not().reshape(data.Count, -1);
        torch.Tensor position = bad.nonzero()[0];
        long row = position[0].item<long>(), column = position[1].item<long>();
        double value = data.Labels.reshape(data.Count, -1)[row, column].to(torch.float64).item<double>();
        throw new InvalidDataException($"The {what} has a non-finite target ({value}) at row {row}, target {column}; regression targets must be finite numbers.");
    }
}
