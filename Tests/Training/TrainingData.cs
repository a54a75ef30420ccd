using ModelDsl.Data;
using TorchSharp;

namespace ModelDsl.Tests.Training;

/// <summary>Deterministic small datasets for trainer tests.</summary>
internal static class TrainingData
{
    /// <summary>Three classes separable by the sign pattern of the first two of four features.</summary>
    public static InMemoryDataset Classes(int rows, int seed = 0)
    {
        var random = new Random(seed);
        var x = new float[rows * 4];
        var y = new long[rows];
        for (int i = 0; i < rows; i++)
        {
            for (int f = 0; f < 4; f++)
                x[i * 4 + f] = (float)(random.NextDouble() * 2 - 1);
            y[i] = x[i * 4] > 0 ? 0 : x[i * 4 + 1] > 0 ? 1 : 2;
        }
        return new InMemoryDataset(torch.tensor(x, [rows, 4]), torch.tensor(y));
    }
}
