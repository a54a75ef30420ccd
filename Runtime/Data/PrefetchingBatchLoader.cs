using System.Threading.Channels;
using TorchSharp;

namespace ModelDsl.Data;

/// <summary>
/// Batches a <see cref="StreamingDataset"/>: a background task reads batches (in the same (seed, epoch) order as
/// <see cref="BatchLoader"/>) up to <see cref="Prefetch"/> ahead, pins them on CUDA and copies them with non-blocking
/// transfers, so reading and copying overlap with training.
/// </summary>
public sealed class PrefetchingBatchLoader : IBatchSource
{
    private readonly StreamingDataset _data;

    /// <summary>Prepares batching of <paramref name="data"/> onto <paramref name="device"/>.</summary>
    /// <exception cref="ArgumentException">The batch size is below 1 or the dataset is empty.</exception>
    public PrefetchingBatchLoader(StreamingDataset data, int batchSize, torch.Device device, bool shuffle, int seed, bool dropLast = false, int prefetch = 2)
    {
        if (batchSize < 1)
            throw new ArgumentException($"Batch size must be at least 1 (got {batchSize}).", nameof(batchSize));
        if (data.Count == 0)
            throw new ArgumentException("The dataset is empty: there is nothing to batch.", nameof(data));
        _data = data;
        BatchSize = batchSize;
        Device = device;
        Shuffle = shuffle;
        Seed = seed;
        DropLast = dropLast;
        Prefetch = Math.Max(1, prefetch);
    }

    /// <summary>Examples per batch.</summary>
    public int BatchSize { get; }
    /// <summary>Where batches are delivered.</summary>
    public torch.Device Device { get; }
    /// <summary>Whether each epoch visits the examples in a new (seed, epoch) order.</summary>
    public bool Shuffle { get; }
    /// <summary>The seed combined with the epoch number.</summary>
    public int Seed { get; }
    /// <summary>Whether a last, smaller batch is skipped.</summary>
    public bool DropLast { get; }
    /// <summary>Batches read ahead of the consumer.</summary>
    public int Prefetch { get; }

    /// <summary>Batches per epoch.</summary>
    public long BatchesPerEpoch => DropLast ? _data.Count / BatchSize : (_data.Count + BatchSize - 1) / BatchSize;

    /// <summary>
    /// The batches of <paramref name="epoch"/> of one-input data. The consumer owns (disposes) each pair; tensors are
    /// created on the background thread, outside any dispose scope. A reader error is rethrown to the consumer.
    /// </summary>
    /// <exception cref="InvalidOperationException">The data has several inputs: use <see cref="InputBatches"/>.</exception>
    public IEnumerable<(torch.Tensor Features, torch.Tensor Labels)> Batches(int epoch) => OneInputBatches.Of(InputBatches(epoch));

    /// <summary>
    /// The batches of <paramref name="epoch"/>, every input. The consumer owns (disposes) each batch; tensors are created
    /// on the background thread, outside any dispose scope. A reader error is rethrown to the consumer.
    /// </summary>
    public IEnumerable<(ModelInputs Inputs, torch.Tensor Labels)> InputBatches(int epoch)
    {
        long[] order;
        if (Shuffle)
        {
            using var permutation = EpochPermutation.For(_data.Count, Seed, epoch);
            order = permutation.data<long>().ToArray();
        }
        else
        {
            order = new long[_data.Count];
            for (long i = 0; i < order.LongLength; i++) order[i] = i;
        }

        var channel = Channel.CreateBounded<(ModelInputs, torch.Tensor)>(new BoundedChannelOptions(Prefetch) { SingleReader = true, SingleWriter = true });
        using var stop = new CancellationTokenSource();
        long batches = BatchesPerEpoch;
        Task producer = Task.Run(async () =>
        {
            try
            {
                for (long b = 0; b < batches && !stop.IsCancellationRequested; b++)
                {
                    long start = b * BatchSize;
                    long[] indices = order[(int)start..(int)Math.Min(start + BatchSize, order.LongLength)];
                    var (inputs, labels) = _data.ReadInputs(indices);
                    var batch = ToDevice(inputs, labels);
                    if (!channel.Writer.TryWrite(batch))
                    {
                        try { await channel.Writer.WriteAsync(batch, stop.Token).ConfigureAwait(false); }
                        catch (OperationCanceledException) { Dispose(batch); throw; }
                    }
                }
                channel.Writer.TryComplete();
            }
            catch (OperationCanceledException)
            {
                channel.Writer.TryComplete();
            }
            catch (Exception error)
            {
                channel.Writer.TryComplete(error);
            }
        });
        try
        {
            while (channel.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
                while (channel.Reader.TryRead(out var batch))
                    yield return batch;
        }
        finally
        {
            // The consumer stopped early or failed: stop the producer and release what it read ahead.
            stop.Cancel();
            try { producer.Wait(); } catch (AggregateException) { }
            while (channel.Reader.TryRead(out var leftover))
                Dispose(leftover);
        }
    }

    private (ModelInputs, torch.Tensor) ToDevice(ModelInputs inputs, torch.Tensor labels)
    {
        if (Device.type == DeviceType.CPU)
            return (inputs, labels);
        try
        {
            return (inputs.Map(ToDevice), ToDevice(labels));
        }
        finally
        {
            inputs.Dispose();
            labels.Dispose();
        }
    }

    private torch.Tensor ToDevice(torch.Tensor host)
    {
        // Pinned host memory lets the copy run asynchronously on the device's stream while the previous step computes.
        using var staged = Device.type == DeviceType.CUDA ? host.pin_memory() : host.alias();
        return staged.to(Device, non_blocking: true);
    }

    private static void Dispose((ModelInputs Inputs, torch.Tensor Labels) batch)
    {
        batch.Inputs.Dispose();
        batch.Labels.Dispose();
    }
}
