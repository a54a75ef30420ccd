using ModelDsl.Data;
using TorchSharp;

namespace ModelDsl.Tests.Training;

/// <summary>
/// Synthetic data for <see cref="TwoInputModel"/>: the label is 1 when 2·prices[0] (when prices count) plus 3 × the mean
/// token weight (when tokens count; ids 1–3 weigh +1, 4–6 weigh −1, the rest 0) is positive. prices[1..3] are noise.
/// </summary>
internal static class TwoInputData
{
    public static InMemoryDataset Make(int rows, int seed, bool pricesCount = true, bool tokensCount = true)
    {
        var random = new Random(seed);
        var prices = new float[rows * TwoInputModel.Features];
        var tokens = new long[rows * TwoInputModel.Length];
        var labels = new float[rows];
        for (int i = 0; i < rows; i++)
        {
            for (int f = 0; f < TwoInputModel.Features; f++)
                prices[i * TwoInputModel.Features + f] = (float)(random.NextDouble() * 2 - 1);
            double tokenWeight = 0;
            for (int t = 0; t < TwoInputModel.Length; t++)
            {
                long id = random.Next(TwoInputModel.Vocabulary);
                tokens[i * TwoInputModel.Length + t] = id;
                tokenWeight += id is >= 1 and <= 3 ? 1 : id is >= 4 and <= 6 ? -1 : 0;
            }
            double score = (pricesCount ? 2 * prices[i * TwoInputModel.Features] : 0) + (tokensCount ? 3 * tokenWeight / TwoInputModel.Length : 0);
            labels[i] = score > 0 ? 1 : 0;
        }
        var inputs = new ModelInputs(
            ("prices", torch.tensor(prices, [rows, TwoInputModel.Features])),
            ("tokens", torch.tensor(tokens, [rows, TwoInputModel.Length])));
        return new InMemoryDataset(inputs, torch.tensor(labels));
    }
}
