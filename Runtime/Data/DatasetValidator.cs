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

    /// <summary>Throws <see cref="InvalidDataException"/> naming the first problem found.</summary>
    /// <param name="what">How to call the dataset in messages (e.g. "training data").</param>
    public static void Validate(InMemoryDataset data, IReadOnlyList<long> inputShape, ModelOutput output, string what)
    {
        ValidateShape(data.Count, data.ExampleShape, inputShape, what);

        if (data.Features.is_floating_point() && !AllFinite(data.Features))
        {
            using var scope = torch.NewDisposeScope();
            torch.Tensor bad = torch.isfinite(data.Features).logical_not().reshape(data.Count, -1);
            if (bad.any().item<bool>())
            {
                torch.Tensor position = bad.nonzero()[0];
                long row = position[0].item<long>(), column = position[1].item<long>();
                double value = data.Features.reshape(data.Count, -1)[row, column].to(torch.float64).item<double>();
                throw new InvalidDataException($"The {what} has a non-finite feature ({value}) at row {row}, feature {column} (flattened index); features must be finite numbers.");
            }
        }

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
