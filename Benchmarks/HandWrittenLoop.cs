using ModelDsl.Data;
using ModelDsl.Models.Declarations;
using TorchSharp;

namespace ModelDsl.Benchmarks;

/// <summary>
/// The loop a TorchSharp user would write by hand for the same model: data on the device, a seeded permutation per
/// epoch, index_select batches, Adam, cross-entropy, loss and accuracy summed on the device and read once per epoch.
/// </summary>
internal static class HandWrittenLoop
{
    public static double Train(InMemoryDataset data, int batchSize, int epochs, int seed)
    {
        torch.manual_seed(seed);
        using var model = new FashionCnn();
        using var optimizer = torch.optim.Adam(model.parameters(), 1e-3);
        using var lossSum = torch.zeros(1, torch.ScalarType.Float64);
        using var correct = torch.zeros(1, torch.ScalarType.Int64);
        long count = data.Count, batches = (count + batchSize - 1) / batchSize;
        model.train();
        for (int epoch = 1; epoch <= epochs; epoch++)
        {
            using var generator = new torch.Generator((ulong)seed * 1_000_003UL + (ulong)epoch, torch.CPU);
            using var order = torch.randperm(count, generator: generator);
            for (long b = 0; b < batches; b++)
            {
                using var scope = torch.NewDisposeScope();
                var rows = order.narrow(0, b * batchSize, Math.Min(batchSize, count - b * batchSize));
                var x = data.Features.index_select(0, rows);
                var y = data.Labels.index_select(0, rows);
                optimizer.zero_grad();
                var output = model.call(x);
                var loss = torch.nn.functional.cross_entropy(output, y);
                loss.backward();
                optimizer.step();
                lossSum.add_(loss.detach().to(torch.ScalarType.Float64) * x.shape[0]);
                correct.add_(output.argmax(1).eq(y).sum());
            }
        }
        return lossSum.item<double>() / (count * epochs);
    }
}
