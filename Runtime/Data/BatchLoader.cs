using TorchSharp;

namespace ModelDsl.Data;

/// <summary>
/// Batches a <see cref="InMemoryDataset"/> on a device. The data is copied to the device once; each batch is then an
/// on-device <c>index_select</c> with a permutation drawn from a generator seeded by (seed, epoch), so an epoch's
/// order is reproducible on its own (a resumed run sees the same batches as an uninterrupted one).
/// </summary>
public sealed class BatchLoader : IBatchSource, IDisposable
{
    // Device copies, or aliases of the dataset's tensors when they are there already: either way this loader's own handles.
    private readonly ModelInputs _inputs;
    private readonly torch.Tensor _labels;

    /// <summary>Prepares <paramref name="dataset"/> for batching on <paramref name="device"/>.</summary>
    /// <exception cref="ArgumentException">The batch size is below 1 or the dataset is empty.</exception>
    public BatchLoader(InMemoryDataset dataset, int batchSize, torch.Device device, bool shuffle, int seed, bool dropLast = false)
    {
        if (batchSize < 1)
            throw new ArgumentException($"Batch size must be at least 1 (got {batchSize}).", nameof(batchSize));
        if (dataset.Count == 0)
            throw new ArgumentException("The dataset is empty: there is nothing to batch.", nameof(dataset));
        BatchSize = batchSize;
        Shuffle = shuffle;
        Seed = seed;
        DropLast = dropLast;
        Count = dataset.Count;
        _inputs = dataset.Inputs.Map(t => OnDevice(t, device));
        _labels = OnDevice(dataset.Labels, device);
    }

    /// <summary>Examples per batch.</summary>
    public int BatchSize { get; }

    /// <summary>Whether each epoch visits the examples in a new random order.</summary>
    public bool Shuffle { get; }

    /// <summary>The seed combined with the epoch number to order examples.</summary>
    public int Seed { get; }

    /// <summary>Whether a last, smaller batch is skipped.</summary>
    public bool DropLast { get; }

    /// <summary>Number of examples.</summary>
    public long Count { get; }

    /// <summary>Batches per epoch.</summary>
    public long BatchesPerEpoch => DropLast ? Count / BatchSize : (Count + BatchSize - 1) / BatchSize;

    /// <summary>
    /// The order of one epoch's examples on the device (a permutation seeded by (seed, epoch)), or null when not shuffling.
    /// The caller disposes it after the epoch.
    /// </summary>
    public torch.Tensor? EpochOrder(int epoch)
    {
        if (!Shuffle)
            return null;
        using torch.Tensor cpuOrder = EpochPermutation.For(Count, Seed, epoch);
        return cpuOrder.to(_labels.device);
    }

    /// <summary>
    /// Batch <paramref name="index"/> of an epoch ordered by <paramref name="order"/> (from <see cref="EpochOrder"/>), every input.
    /// The returned tensors belong to the caller's current dispose scope: call this inside the step's scope.
    /// </summary>
    public (ModelInputs Inputs, torch.Tensor Labels) InputBatch(torch.Tensor? order, long index)
    {
        long start = index * BatchSize;
        long size = Math.Min(BatchSize, Count - start);
        if (order is null)
            return (_inputs.Map(t => t.narrow(0, start, size)), _labels.narrow(0, start, size));
        using torch.Tensor rows = order.narrow(0, start, size);
        return (_inputs.Map(t => t.index_select(0, rows)), _labels.index_select(0, rows));
    }

    /// <summary>
    /// Batch <paramref name="index"/> of one-input data (see <see cref="InputBatch"/>).
    /// The returned tensors belong to the caller's current dispose scope: call this inside the step's scope.
    /// </summary>
    /// <exception cref="InvalidOperationException">The data has several inputs: use <see cref="InputBatch"/>.</exception>
    public (torch.Tensor Features, torch.Tensor Labels) Batch(torch.Tensor? order, long index)
    {
        if (_inputs.Count != 1)
            throw new InvalidOperationException(
                $"This loader's data has {_inputs.Count} inputs ({ModelInputs.Describe(_inputs.Names)}), so a batch is no single tensor; use InputBatch.");
        (ModelInputs inputs, torch.Tensor labels) = InputBatch(order, index);
        return (inputs[0], labels);
    }

    /// <summary>
    /// The batches of <paramref name="epoch"/> (see <see cref="IBatchSource.InputBatches"/>): the same tensors as <see cref="InputBatch"/>
    /// in order, created outside any dispose scope, so the consumer disposes each batch.
    /// </summary>
    public IEnumerable<(ModelInputs Inputs, torch.Tensor Labels)> InputBatches(int epoch)
    {
        using torch.Tensor? order = EpochOrder(epoch);
        for (long index = 0; index < BatchesPerEpoch; index++)
        {
            (ModelInputs Inputs, torch.Tensor Labels) batch;
            // The scope must close before yielding: an open scope would adopt (and later dispose) the consumer's tensors.
            using (torch.NewDisposeScope())
            {
                (ModelInputs inputs, torch.Tensor labels) = InputBatch(order, index);
                batch = (inputs.DetachFromDisposeScope(), labels.DetachFromDisposeScope());
            }
            yield return batch;
        }
    }

    /// <summary>
    /// The batches of <paramref name="epoch"/> of one-input data (see <see cref="IBatchSource.Batches"/>), created outside
    /// any dispose scope, so the consumer disposes each pair.
    /// </summary>
    /// <exception cref="InvalidOperationException">The data has several inputs: use <see cref="InputBatches"/>.</exception>
    public IEnumerable<(torch.Tensor Features, torch.Tensor Labels)> Batches(int epoch) => OneInputBatches.Of(InputBatches(epoch));

    /// <summary>A handle of <paramref name="tensor"/> on <paramref name="device"/>: a copy, or an alias when it is there.</summary>
    private static torch.Tensor OnDevice(torch.Tensor tensor, torch.Device device) =>
        tensor.device == device ? tensor.alias() : tensor.to(device);

    /// <inheritdoc />
    public void Dispose()
    {
        _inputs.Dispose();
        _labels.Dispose();
    }
}
