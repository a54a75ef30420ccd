using ModelDsl.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace ModelDsl.Benchmarks;

/// <summary>
/// The loop a TorchSharp user would write by hand for a model: data moved to the device once, a seeded permutation per
/// epoch, index_select batches, the optimizer, cross-entropy, TorchSharp's own gradient clipping when asked for, loss and
/// accuracy summed on the device and read once per epoch.
/// </summary>
internal sealed class HandWrittenLoop(Func<nn.Module<Tensor, Tensor>> createModel, Func<nn.Module, optim.Optimizer> createOptimizer, double clipNorm = 0)
{
    /// <summary>Trains a fresh model (seeded like the generated trainer) for <paramref name="epochs"/>; returns the mean loss.</summary>
    public double Train(InMemoryDataset data, int batchSize, int epochs, int seed, Device device)
    {
        manual_seed(seed);
        using var model = createModel();
        model.to(device);
        using var optimizer = createOptimizer(model);
        using var features = data.Features.to(device);
        using var labels = data.Labels.to(device);
        using var lossSum = zeros(1, ScalarType.Float64, device);
        using var correct = zeros(1, ScalarType.Int64, device);
        var parameters = model.parameters().ToList();
        long count = data.Count, batches = (count + batchSize - 1) / batchSize;
        model.train();
        for (int epoch = 1; epoch <= epochs; epoch++)
        {
            using var generator = new TorchSharp.torch.Generator((ulong)seed * 1_000_003UL + (ulong)epoch, CPU);
            using var cpuOrder = randperm(count, generator: generator);
            using var order = cpuOrder.to(device);
            for (long b = 0; b < batches; b++)
            {
                using var scope = NewDisposeScope();
                var rows = order.narrow(0, b * batchSize, Math.Min(batchSize, count - b * batchSize));
                var x = features.index_select(0, rows);
                var y = labels.index_select(0, rows);
                optimizer.zero_grad();
                var output = model.call(x);
                var loss = nn.functional.cross_entropy(output, y);
                loss.backward();
                if (clipNorm > 0)
                    nn.utils.clip_grad_norm_(parameters, clipNorm);
                optimizer.step();
                lossSum.add_(loss.detach().to(ScalarType.Float64) * x.shape[0]);
                correct.add_(output.argmax(1).eq(y).sum());
            }
        }
        return lossSum.item<double>() / (count * epochs);
    }
}
