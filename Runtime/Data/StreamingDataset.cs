using TorchSharp;

namespace ModelDsl.Data;

/// <summary>
/// Examples produced on demand by a reader (files, a database, a generator) for data too large to hold in memory or on
/// the device. <see cref="PrefetchingBatchLoader"/> calls the reader on a background thread, batches ahead of training.
/// </summary>
public sealed class StreamingDataset
{
    private readonly Func<long[], (torch.Tensor Features, torch.Tensor Labels)> _read;

    /// <summary>A dataset of <paramref name="count"/> examples of shape <paramref name="exampleShape"/>.</summary>
    /// <param name="count">Number of examples.</param>
    /// <param name="exampleShape">Shape of one example's features (no batch dimension).</param>
    /// <param name="read">Returns CPU features <c>[k, ..exampleShape]</c> and labels <c>[k, ...]</c> for the given 0-based
    /// indices, in that order; the caller owns both. Must be safe to call from a background thread.</param>
    public StreamingDataset(long count, long[] exampleShape, Func<long[], (torch.Tensor Features, torch.Tensor Labels)> read)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        Count = count;
        ExampleShape = exampleShape.ToArray();
        _read = read ?? throw new ArgumentNullException(nameof(read));
    }

    /// <summary>A streaming view of an in-memory dataset (for tests and benchmarks: same data, other path).</summary>
    public static StreamingDataset Over(InMemoryDataset data) => new(data.Count, data.ExampleShape, indices =>
    {
        using var index = torch.tensor(indices);
        return (data.Features.index_select(0, index), data.Labels.index_select(0, index));
    });

    /// <summary>Number of examples.</summary>
    public long Count { get; }

    /// <summary>Shape of one example (no batch dimension).</summary>
    public long[] ExampleShape { get; }

    /// <summary>Reads the examples at <paramref name="indices"/> as CPU tensors.</summary>
    public (torch.Tensor Features, torch.Tensor Labels) Read(long[] indices) => _read(indices);
}
