using static TorchSharp.torch;

namespace ModelDsl.Layers;

/// <summary>
/// Gives a (batch, channels, height, width) tensor the channels-last memory layout (same shape and values, strides
/// ordered batch, height, width, channels), which generated modules hand to every 2-D convolution.
/// </summary>
/// <remarks>
/// libtorch picks its kernels from the input's layout: a convolution fed channels-last writes channels-last, and ReLU,
/// batch norm and pooling keep it, so the whole stack runs on the vectorised channels-last kernels. On the CPU the
/// default layout's max pooling is the slow one (measured at batch 32 on the seed CNN: 4.6 ms forward against 0.3 ms;
/// docs/performance.md). Flatten and reshape copy back to the logical order, so what a model computes does not change.
/// </remarks>
public static class ChannelsLast
{
    /// <summary>
    /// <paramref name="batch"/> laid out channels-last: a view when it already is (or has one channel and is contiguous),
    /// else one copy. The result is owned by the current dispose scope, like any tensor an operation returns.
    /// </summary>
    /// <param name="batch">A 4-D (batch, channels, height, width) tensor.</param>
    /// <exception cref="ArgumentException"><paramref name="batch"/> is not 4-D.</exception>
    public static Tensor Of(Tensor batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.dim() != 4)
            throw new ArgumentException($"ChannelsLast.Of needs a (batch, channels, height, width) tensor; got shape ({string.Join(", ", batch.shape)}).", nameof(batch));
        long n = batch.shape[0], c = batch.shape[1], h = batch.shape[2], w = batch.shape[3];
        // With one channel the default layout's bytes already are channels-last; only the strides must say so (libtorch
        // reads a tensor whose layout is ambiguous as the default one). The views keep autograd and the storage offset.
        if (c == 1 && batch.is_contiguous())
            return batch.reshape(n, h, w, 1).permute(0, 3, 1, 2);
        using var scope = NewDisposeScope();
        // A tensor that already is channels-last permutes to a contiguous one, so contiguous() copies nothing.
        return scope.MoveToOuter(batch.permute(0, 2, 3, 1).contiguous().permute(0, 3, 1, 2));
    }
}
