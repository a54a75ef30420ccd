using TorchSharp;

namespace ModelDsl.Data;

/// <summary>Where a training loop gets its batches: <see cref="BatchLoader"/> for data held on the device, <see cref="PrefetchingBatchLoader"/> for streamed data.</summary>
public interface IBatchSource
{
    /// <summary>Examples per batch (the last batch of an epoch may be smaller).</summary>
    int BatchSize { get; }

    /// <summary>Batches per epoch.</summary>
    long BatchesPerEpoch { get; }

    /// <summary>The batches of <paramref name="epoch"/> on the source's device, in its (seed, epoch) order. The consumer disposes each batch's inputs and labels.</summary>
    IEnumerable<(ModelInputs Inputs, torch.Tensor Labels)> InputBatches(int epoch);

    /// <summary>As <see cref="InputBatches"/> for one-input data: each batch's one input tensor. The consumer disposes each pair.</summary>
    /// <exception cref="InvalidOperationException">The data has several inputs.</exception>
    IEnumerable<(torch.Tensor Features, torch.Tensor Labels)> Batches(int epoch);
}
