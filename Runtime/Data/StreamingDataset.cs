using TorchSharp;

namespace ModelDsl.Data;

/// <summary>
/// Examples produced on demand by a reader (files, a database, a generator) for data too large to hold in memory or on
/// the device. <see cref="PrefetchingBatchLoader"/> calls the reader on a background thread, batches ahead of training.
/// </summary>
public sealed class StreamingDataset
{
    private readonly Func<long[], (ModelInputs Inputs, torch.Tensor Labels)> _read;

    /// <summary>A dataset of <paramref name="count"/> examples of shape <paramref name="exampleShape"/>, one input named "input".</summary>
    /// <param name="count">Number of examples.</param>
    /// <param name="exampleShape">Shape of one example's features (no batch dimension).</param>
    /// <param name="read">Returns CPU features <c>[k, ..exampleShape]</c> and labels <c>[k, ...]</c> for the given 0-based
    /// indices, in that order; the caller owns both. Must be safe to call from a background thread.</param>
    public StreamingDataset(long count, long[] exampleShape, Func<long[], (torch.Tensor Features, torch.Tensor Labels)> read)
        : this(count, [(ModelInputs.DefaultName, exampleShape)], OneInput(read))
    {
    }

    /// <summary>A dataset of <paramref name="count"/> examples of the named <paramref name="inputs"/>.</summary>
    /// <param name="count">Number of examples.</param>
    /// <param name="inputs">Each input's name and one example's shape (no batch dimension), in order.</param>
    /// <param name="read">Returns CPU inputs (the names of <paramref name="inputs"/>, in that order, <c>[k, ..shape]</c> each) and
    /// labels <c>[k, ...]</c> for the given 0-based indices, in that order; the caller owns them. Must be safe to call from a background thread.</param>
    /// <exception cref="ArgumentException">There are no inputs, or two have one name.</exception>
    public StreamingDataset(long count, IReadOnlyList<(string Name, long[] Shape)> inputs, Func<long[], (ModelInputs Inputs, torch.Tensor Labels)> read)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Count == 0)
            throw new ArgumentException("A streaming dataset needs at least one input.", nameof(inputs));
        ModelInputs.ThrowIfRepeated(inputs.Select(i => i.Name), nameof(inputs));
        Count = count;
        InputShapes = inputs.Select(i => (i.Name, (IReadOnlyList<long>)i.Shape.ToArray())).ToList();
        _read = read ?? throw new ArgumentNullException(nameof(read));
    }

    /// <summary>A streaming view of an in-memory dataset (for tests and benchmarks: same data, other path).</summary>
    public static StreamingDataset Over(InMemoryDataset data) =>
        new(data.Count, data.Inputs.ExampleShapes.Select(i => (i.Name, i.Shape.ToArray())).ToList(), indices =>
        {
            using var index = torch.tensor(indices);
            return data.Select(index);
        });

    /// <summary>Number of examples.</summary>
    public long Count { get; }

    /// <summary>Each input's name and one example's shape (no batch dimension), in order.</summary>
    public IReadOnlyList<(string Name, IReadOnlyList<long> Shape)> InputShapes { get; }

    /// <summary>Shape of one example (no batch dimension) of a one-input dataset.</summary>
    /// <exception cref="InvalidOperationException">The dataset has several inputs: see <see cref="InputShapes"/>.</exception>
    public long[] ExampleShape => InputShapes.Count == 1
        ? InputShapes[0].Shape.ToArray()
        : throw new InvalidOperationException(
            $"This dataset has {InputShapes.Count} inputs ({ModelInputs.Describe(InputShapes.Select(i => i.Name))}); see InputShapes for each one's shape.");

    /// <summary>Reads the examples at <paramref name="indices"/> as CPU tensors, every input.</summary>
    /// <exception cref="InvalidDataException">The reader returned other inputs than the dataset declares, or other row counts.</exception>
    public (ModelInputs Inputs, torch.Tensor Labels) ReadInputs(long[] indices)
    {
        (ModelInputs inputs, torch.Tensor labels) = _read(indices);
        if (!inputs.Names.SequenceEqual(InputShapes.Select(i => i.Name)) || inputs.Rows != indices.LongLength || labels.dim() == 0 || labels.shape[0] != indices.LongLength)
        {
            string got = $"inputs {ModelInputs.Describe(inputs.Names)} of {inputs.Rows} rows and {(labels.dim() == 0 ? "scalar labels" : $"{labels.shape[0]} labels")}";
            inputs.Dispose();
            labels.Dispose();
            throw new InvalidDataException(
                $"The streaming dataset's reader returned {got} for {indices.Length} indices; expected inputs {ModelInputs.Describe(InputShapes.Select(i => i.Name))} with one row and one label per index.");
        }
        return (inputs, labels);
    }

    /// <summary>Reads the examples at <paramref name="indices"/> of a one-input dataset as CPU tensors.</summary>
    /// <exception cref="InvalidOperationException">The dataset has several inputs: use <see cref="ReadInputs"/>.</exception>
    public (torch.Tensor Features, torch.Tensor Labels) Read(long[] indices)
    {
        _ = ExampleShape; // refuses a multi-input dataset before reading
        (ModelInputs inputs, torch.Tensor labels) = ReadInputs(indices);
        return (inputs[0], labels);
    }

    private static Func<long[], (ModelInputs, torch.Tensor)> OneInput(Func<long[], (torch.Tensor Features, torch.Tensor Labels)> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        return indices =>
        {
            (torch.Tensor features, torch.Tensor labels) = read(indices);
            return (ModelInputs.Single(features), labels);
        };
    }
}
