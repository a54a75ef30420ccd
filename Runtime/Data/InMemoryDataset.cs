using TorchSharp;

namespace ModelDsl.Data;

/// <summary>
/// An in-memory dataset: one or more named inputs <c>[N, …]</c> (float32, or int64 token ids) and labels <c>[N]</c>
/// (int64 class indices) or <c>[N]</c>/<c>[N, outputs]</c> (float32 targets). Owns its tensors.
/// </summary>
public sealed class InMemoryDataset : IDisposable
{
    /// <summary>Wraps <paramref name="features"/> (the one input, named "input") and <paramref name="labels"/>, which must have the same first dimension.</summary>
    /// <exception cref="ArgumentException">The first dimensions differ.</exception>
    public InMemoryDataset(torch.Tensor features, torch.Tensor labels)
    {
        if (features.shape.Length == 0 || labels.shape.Length == 0 || features.shape[0] != labels.shape[0])
            throw new ArgumentException(
                $"Features have {Describe(features)} but labels have {Describe(labels)}: both need the same number of rows (first dimension).");
        Inputs = ModelInputs.Single(features);
        Labels = labels;
    }

    /// <summary>Wraps named <paramref name="inputs"/> and <paramref name="labels"/>: one label per row of every input.</summary>
    /// <exception cref="ArgumentException">The labels have another row count than the inputs; the message names the input.</exception>
    public InMemoryDataset(ModelInputs inputs, torch.Tensor labels)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.shape.Length == 0 || labels.shape[0] != inputs.Rows)
            throw new ArgumentException(
                $"Input '{inputs.Names[0]}' has {inputs.Rows} rows but the labels have {Describe(labels)}: every input and the labels need the same number of rows (first dimension).");
        Inputs = inputs;
        Labels = labels;
    }

    /// <summary>The inputs, one row per example each.</summary>
    public ModelInputs Inputs { get; }

    /// <summary>The one input of a one-input dataset.</summary>
    /// <exception cref="InvalidOperationException">The dataset has several inputs: read them by name from <see cref="Inputs"/>.</exception>
    public torch.Tensor Features => Inputs.Count == 1
        ? Inputs[0]
        : throw new InvalidOperationException(
            $"This dataset has {Inputs.Count} inputs ({ModelInputs.Describe(Inputs.Names)}), so it has no single Features tensor; read each input by name from Inputs.");

    /// <summary>Labels, one per example.</summary>
    public torch.Tensor Labels { get; }

    /// <summary>Number of examples.</summary>
    public long Count => Inputs.Rows;

    /// <summary>Shape of one example's features (without the row dimension) in a one-input dataset.</summary>
    /// <exception cref="InvalidOperationException">The dataset has several inputs: see <see cref="ModelInputs.ExampleShapes"/>.</exception>
    public long[] ExampleShape => Features.shape[1..];

    /// <summary>Rows <paramref name="start"/> .. <paramref name="start"/>+<paramref name="count"/> as a new dataset (copies).</summary>
    public InMemoryDataset Slice(long start, long count) => Derive(t => t.narrow(0, start, count).clone());

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

    /// <summary>This dataset on <paramref name="device"/> (copies), or null when every tensor is already there.</summary>
    internal InMemoryDataset? CopyTo(torch.Device device) =>
        Inputs.AreOn(device) && Labels.device == device ? null : Derive(t => t.to(device));

    /// <summary>The rows at <paramref name="indices"/> (CPU int64) of every input and the labels, as new tensors the caller owns.</summary>
    internal (ModelInputs Inputs, torch.Tensor Labels) Select(torch.Tensor indices)
    {
        ModelInputs inputs = Inputs.Map(t => t.index_select(0, indices.device == t.device ? indices : indices.to(t.device)));
        return (inputs, Labels.index_select(0, indices.device == Labels.device ? indices : indices.to(Labels.device)));
    }

    private InMemoryDataset View(long start, long count) => Derive(t => t.narrow(0, start, count));

    /// <summary>A dataset of the same inputs (same names) and labels, each tensor mapped by <paramref name="map"/>.</summary>
    private InMemoryDataset Derive(Func<torch.Tensor, torch.Tensor> map)
    {
        ModelInputs inputs = Inputs.Map(map);
        try
        {
            return new InMemoryDataset(inputs, map(Labels));
        }
        catch
        {
            inputs.Dispose();
            throw;
        }
    }

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
        Inputs.Dispose();
        Labels.Dispose();
    }

    private static string Describe(torch.Tensor t) => $"shape [{string.Join(", ", t.shape)}]";
}
