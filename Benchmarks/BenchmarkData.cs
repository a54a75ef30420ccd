using ModelDsl.Data;
using ModelDsl.Pretrained;
using TorchSharp;

namespace ModelDsl.Benchmarks;

/// <summary>
/// The data every side of a comparison uses: Fashion-MNIST images when installed (else random images of the same
/// shape), and seeded random price windows and token ids for the LSTM and Transformer (throughput does not depend on
/// the values, only on the shapes), and seeded padded WordPiece rows for the pretrained MiniLM.
/// </summary>
internal static class BenchmarkData
{
    /// <summary>
    /// Images [N, 1, 28, 28] float32 and labels [N] int64 in 0..9 from the Fashion-MNIST IDX files in
    /// <paramref name="fashionFolder"/>, gzipped or not (random images when absent), with a description of where they came from.
    /// </summary>
    public static (InMemoryDataset Data, string Source) Images(int count, string fashionFolder = BenchmarkOptions.DefaultFashionMnistFolder)
    {
        string? images = IdxFile(fashionFolder, "train-images-idx3-ubyte");
        string? labels = IdxFile(fashionFolder, "train-labels-idx1-ubyte");
        if (images is not null && labels is not null)
            return (ImageClassificationData.LoadIdx(images, labels, count), "Fashion-MNIST");
        using var generator = new torch.Generator(7, torch.CPU);
        return (new InMemoryDataset(torch.rand([count, 1, 28, 28], generator: generator), torch.randint(0, 10, [count], generator: generator)),
            "random images (Fashion-MNIST not installed)");
    }

    private static string? IdxFile(string folder, string name) =>
        new[] { name + ".gz", name }.Select(file => Path.Combine(folder, file)).FirstOrDefault(File.Exists);

    /// <summary>Price windows [N, 30, 4] float32 (standard normal) and up/down labels [N] int64.</summary>
    public static InMemoryDataset PriceWindows(int count)
    {
        using var generator = new torch.Generator(11, torch.CPU);
        return new InMemoryDataset(torch.randn([count, 30, 4], generator: generator), torch.randint(0, 2, [count], generator: generator));
    }

    /// <summary>Token ids [N, 32] int64 in the GPT-2 vocabulary and sentiment labels [N] int64 in 0..2.</summary>
    public static InMemoryDataset NewsTokens(int count)
    {
        using var generator = new torch.Generator(13, torch.CPU);
        return new InMemoryDataset(torch.randint(0, 50257, [count, 32], generator: generator), torch.randint(0, 3, [count], generator: generator));
    }

    /// <summary>
    /// MiniLM's WordPiece ids [N, <paramref name="length"/>] int64 as <see cref="PaddedTokenRows"/> draws them ([CLS] …
    /// [SEP], then [PAD] = id 0, which the model's padding mask hides) and sentiment labels [N] int64 in 0..2.
    /// </summary>
    public static InMemoryDataset MiniLmTokens(int count, int length)
    {
        var text = (WordPieceText)PretrainedWeights.TextEncoder(PretrainedWeights.MiniLM);
        var random = new Random(17);
        PaddedTokenRows rows = PaddedTokenRows.Draw(random, text, count, length);
        long[] labels = Enumerable.Range(0, count).Select(_ => (long)random.Next(3)).ToArray();
        return new InMemoryDataset(torch.tensor(rows.Ids, [count, length]), torch.tensor(labels));
    }
}
