using TorchSharp;

namespace ModelDsl.Data;

/// <summary>
/// An in-memory dataset: features <c>[N, …]</c> (float32, or int64 token ids) and labels <c>[N]</c> (int64 class indices)
/// or <c>[N]</c>/<c>[N, outputs]</c> (float32 targets). Owns its tensors.
/// </summary>
public sealed class InMemoryDataset : IDisposable
{
    /// <summary>Wraps <paramref name="features"/> and <paramref name="labels"/>, which must have the same first dimension.</summary>
    /// <exception cref="ArgumentException">The first dimensions differ.</exception>
    public InMemoryDataset(torch.Tensor features, torch.Tensor labels)
    {
        if (features.shape.Length == 0 || labels.shape.Length == 0 || features.shape[0] != labels.shape[0])
            throw new ArgumentException(
                $"Features have {Describe(features)} but labels have {Describe(labels)}: both need the same number of rows (first dimension).");
        Features = features;
        Labels = labels;
    }

    /// <summary>Features, one row per example.</summary>
    public torch.Tensor Features { get; }

    /// <summary>Labels, one per example.</summary>
    public torch.Tensor Labels { get; }

    /// <summary>Number of examples.</summary>
    public long Count => Features.shape[0];

    /// <summary>Shape of one example's features (without the row dimension).</summary>
    public long[] ExampleShape => Features.shape[1..];

    /// <summary>Rows <paramref name="start"/> .. <paramref name="start"/>+<paramref name="count"/> as a new dataset (copies).</summary>
    public InMemoryDataset Slice(long start, long count) =>
        new(Features.narrow(0, start, count).clone(), Labels.narrow(0, start, count).clone());

    /// <summary>Splits off the last <paramref name="fraction"/> of rows (Keras' validation_split convention) as copies.</summary>
    /// <exception cref="ArgumentException">The split would leave no training or no validation rows.</exception>
    public (InMemoryDataset Train, InMemoryDataset Validation) SplitLast(double fraction)
    {
        long validation = ValidationRows(fraction);
        return (Slice(0, Count - validation), Slice(Count - validation, validation));
    }

    /// <summary>
    /// The same split as <see cref="SplitLast"/> without copying: both parts are views of this dataset's tensors, so
    /// changing one changes this dataset. Each part owns only its view handles; the storage lives until every handle is
    /// disposed. For callers that only read the parts (the trainer, which must not double the data on a device).
    /// </summary>
    internal (InMemoryDataset Train, InMemoryDataset Validation) SplitLastViews(double fraction)
    {
        long validation = ValidationRows(fraction);
        return (View(0, Count - validation), View(Count - validation, validation));
    }

    /// <summary>This dataset on <paramref name="device"/> (copies), or null when both tensors are already there.</summary>
    internal InMemoryDataset? CopyTo(torch.Device device) =>
        Features.device == device && Labels.device == device ? null : new(Features.to(device), Labels.to(device));

    private InMemoryDataset View(long start, long count) => new(Features.narrow(0, start, count), Labels.narrow(0, start, count));

    private long ValidationRows(double fraction)
    {
        long validation = (long)Math.Floor(Count * fraction);
        if (validation < 1 || validation >= Count)
            throw new ArgumentException(
                $"Validation split {fraction} of {Count} examples leaves {validation} validation and {Count - validation} training examples; both need at least 1.");
        return validation;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Features.Dispose();
        Labels.Dispose();
    }

    private static string Describe(torch.Tensor t) => $"shape [{string.Join(", ", t.shape)}]";
}
