using ModelDsl.Data;
using TorchSharp;

namespace ModelDsl.Benchmarks;

/// <summary>The images both sides of each comparison use: Fashion-MNIST when installed, else random images of the same shape.</summary>
internal static class BenchmarkData
{
    private const string FashionFolder = "/usr/share/datasets/fashion-mnist";

    public static (InMemoryDataset Data, string Source) Load(int count)
    {
        string images = Path.Combine(FashionFolder, "train-images-idx3-ubyte.gz");
        if (File.Exists(images))
            return (ImageClassificationData.LoadIdx(images, Path.Combine(FashionFolder, "train-labels-idx1-ubyte.gz"), count), "Fashion-MNIST");
        using var generator = new torch.Generator(7, torch.CPU);
        return (new InMemoryDataset(torch.rand([count, 1, 28, 28], generator: generator), torch.randint(0, 10, [count], generator: generator)),
            "random images (Fashion-MNIST not installed)");
    }
}
