using TorchSharp;

namespace ModelDsl.Data;

/// <summary>
/// The example order of one epoch: a permutation drawn from a private generator seeded by (seed, epoch), so it neither
/// depends on earlier epochs nor disturbs torch's global generator. Shared by the in-memory and streaming loaders.
/// </summary>
public static class EpochPermutation
{
    /// <summary>A CPU int64 permutation of <c>0..count-1</c>; the caller disposes it.</summary>
    public static torch.Tensor For(long count, int seed, int epoch)
    {
        using var generator = new torch.Generator((ulong)(uint)seed * 1_000_003UL + (ulong)epoch, torch.CPU);
        return torch.randperm(count, generator: generator);
    }
}
