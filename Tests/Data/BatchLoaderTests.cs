using ModelDsl.Data;
using ModelDsl.Devices;
using TorchSharp;

namespace ModelDsl.Tests.Data;

public sealed class BatchLoaderTests
{
    private static InMemoryDataset Numbered(int count) =>
        // Feature = label = example index, so a batch shows which examples it holds.
        new(torch.arange(count, torch.ScalarType.Float32).unsqueeze(1), torch.arange(count, torch.ScalarType.Int64));

    private static List<long[]> Epoch(BatchLoader loader, int epoch)
    {
        using torch.Tensor? order = loader.EpochOrder(epoch);
        var batches = new List<long[]>();
        for (long b = 0; b < loader.BatchesPerEpoch; b++)
        {
            using var scope = torch.NewDisposeScope();
            batches.Add(loader.Batch(order, b).Labels.data<long>().ToArray());
        }
        return batches;
    }

    private static List<long[]> Epoch(PrefetchingBatchLoader loader, int epoch) =>
        loader.Batches(epoch).Select(b =>
        {
            using (b.Features)
            using (b.Labels)
                return b.Labels.data<long>().ToArray();
        }).ToList();

    [Fact]
    public void Same_seed_and_epoch_give_the_same_order_and_epochs_differ()
    {
        TorchNative.EnsureLoaded();
        using var data = Numbered(50);
        using var first = new BatchLoader(data, 8, torch.CPU, shuffle: true, seed: 3);
        using var second = new BatchLoader(data, 8, torch.CPU, shuffle: true, seed: 3);

        var epochTwo = Epoch(first, 2);
        Assert.Equal(epochTwo, Epoch(second, 2));
        // Epoch 2's order does not depend on having gone through epoch 1 (what a resumed run relies on).
        Assert.Equal(epochTwo, Epoch(first, 2));
        Assert.NotEqual(epochTwo.SelectMany(b => b), Epoch(first, 1).SelectMany(b => b));
        Assert.Equal(Enumerable.Range(0, 50).Select(i => (long)i), epochTwo.SelectMany(b => b).Order());
    }

    [Fact]
    public void Shuffling_does_not_touch_torchs_global_generator()
    {
        TorchNative.EnsureLoaded();
        using var data = Numbered(20);
        using var loader = new BatchLoader(data, 4, torch.CPU, shuffle: true, seed: 1);
        torch.manual_seed(11);
        Epoch(loader, 1);
        using var afterShuffle = torch.rand(3);
        torch.manual_seed(11);
        using var untouched = torch.rand(3);
        Assert.Equal(untouched.data<float>().ToArray(), afterShuffle.data<float>().ToArray());
    }

    [Fact]
    public void Drop_last_skips_the_short_final_batch()
    {
        TorchNative.EnsureLoaded();
        using var data = Numbered(10);
        using var keep = new BatchLoader(data, 4, torch.CPU, shuffle: false, seed: 0);
        using var drop = new BatchLoader(data, 4, torch.CPU, shuffle: false, seed: 0, dropLast: true);

        Assert.Equal([4, 4, 2], Epoch(keep, 1).Select(b => b.Length));
        Assert.Equal([4, 4], Epoch(drop, 1).Select(b => b.Length));
        Assert.Equal([0L, 1, 2, 3], Epoch(drop, 1)[0]);
    }

    [Fact]
    public void Streamed_batches_equal_in_memory_batches_for_the_same_seed()
    {
        TorchNative.EnsureLoaded();
        using var data = Numbered(23);
        using var inMemory = new BatchLoader(data, 5, torch.CPU, shuffle: true, seed: 9);
        var streamed = new PrefetchingBatchLoader(StreamingDataset.Over(data), 5, torch.CPU, shuffle: true, seed: 9);

        Assert.Equal(Epoch(inMemory, 4), Epoch(streamed, 4));
        Assert.Equal(5, streamed.BatchesPerEpoch);
    }

    [Fact]
    public void Streaming_drop_last_and_early_stop_release_the_read_ahead_batches()
    {
        TorchNative.EnsureLoaded();
        using var data = Numbered(10);
        var loader = new PrefetchingBatchLoader(StreamingDataset.Over(data), 4, torch.CPU, shuffle: false, seed: 0, dropLast: true);
        Assert.Equal([4, 4], Epoch(loader, 1).Select(b => b.Length));

        var first = loader.Batches(1).First();
        first.Features.Dispose();
        first.Labels.Dispose();
        // Taking only the first batch ended the enumeration; a fresh one starts over.
        Assert.Equal([0L, 1, 2, 3], Epoch(loader, 1)[0]);
    }

    [Fact]
    public void A_reader_error_on_the_background_thread_reaches_the_consumer()
    {
        TorchNative.EnsureLoaded();
        var failing = new StreamingDataset(10, [1], _ => throw new IOException("disk gone"));
        var loader = new PrefetchingBatchLoader(failing, 4, torch.CPU, shuffle: false, seed: 0);
        var error = Assert.Throws<IOException>(() => Epoch(loader, 1));
        Assert.Equal("disk gone", error.Message);
    }

    [Fact]
    public void Batch_size_zero_is_rejected_by_both_loaders()
    {
        TorchNative.EnsureLoaded();
        using var data = Numbered(3);
        var inMemory = Assert.Throws<ArgumentException>(() => new BatchLoader(data, 0, torch.CPU, shuffle: false, seed: 0));
        Assert.StartsWith("Batch size must be at least 1 (got 0).", inMemory.Message);
        var streamed = Assert.Throws<ArgumentException>(() => new PrefetchingBatchLoader(StreamingDataset.Over(data), 0, torch.CPU, false, 0));
        Assert.StartsWith("Batch size must be at least 1 (got 0).", streamed.Message);
    }
}
