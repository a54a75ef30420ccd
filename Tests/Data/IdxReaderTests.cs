using System.IO.Compression;
using ModelDsl.Data;
using ModelDsl.Devices;
using ModelDsl.Tests.Support;

namespace ModelDsl.Tests.Data;

public sealed class IdxReaderTests : IDisposable
{
    private readonly TemporaryFolder _temporary = new();

    private string Folder => _temporary.Path;

    public void Dispose() => _temporary.Dispose();

    /// <summary>Writes an unsigned-byte IDX file by hand: 0, 0, type 0x08, rank, big-endian sizes, values.</summary>
    private string WriteIdx(string name, byte[] values, params int[] shape)
    {
        string path = Path.Combine(Folder, name);
        using var stream = File.Create(path);
        stream.Write([0, 0, 0x08, (byte)shape.Length]);
        foreach (int size in shape)
            stream.Write([(byte)(size >> 24), (byte)(size >> 16), (byte)(size >> 8), (byte)size]);
        stream.Write(values);
        return path;
    }

    private static string Gzip(string path)
    {
        using (var input = File.OpenRead(path))
        using (var output = new GZipStream(File.Create(path + ".gz"), CompressionLevel.Fastest))
            input.CopyTo(output);
        return path + ".gz";
    }

    private string TinyImages(int count, int rows, int columns)
    {
        // Pixel = image index · 10 + row, so each position is recognisable.
        var pixels = new byte[count * rows * columns];
        for (int i = 0; i < count; i++)
            for (int r = 0; r < rows; r++)
                for (int c = 0; c < columns; c++)
                    pixels[(i * rows + r) * columns + c] = (byte)(i * 10 + r);
        return WriteIdx("images.idx", pixels, count, rows, columns);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Reads_a_tiny_image_file_plain_or_gzipped(bool gzip)
    {
        TorchNative.EnsureLoaded();
        string images = TinyImages(3, 4, 2);
        string labels = WriteIdx("labels.idx", [7, 0, 9], 3);
        if (gzip)
            (images, labels) = (Gzip(images), Gzip(labels));
        using var data = ImageClassificationData.LoadIdx(images, labels);

        Assert.Equal(3, data.Count);
        Assert.Equal([1L, 4, 2], data.ExampleShape);
        // Image 2, row 3 held byte 23 → 23/255.
        Assert.Equal(23f / 255, data.Features[2, 0, 3, 1].item<float>(), 6);
        Assert.Equal([7L, 0, 9], data.Labels.data<long>().ToArray());
    }

    [Fact]
    public void A_truncated_file_says_which_part_ended_early()
    {
        string path = WriteIdx("short.idx", new byte[5], 10);
        var error = Assert.Throws<InvalidDataException>(() => IdxReader.Read(path));
        Assert.Equal($"IDX file '{path}' ends early while reading its data (5 of 10 bytes).", error.Message);
    }

    [Fact]
    public void Image_and_label_counts_must_agree()
    {
        string images = TinyImages(2, 3, 3);
        string labels = WriteIdx("labels.idx", [1, 2, 3], 3);
        var error = Assert.Throws<InvalidDataException>(() => ImageClassificationData.LoadIdx(images, labels));
        Assert.Equal($"'{images}' has 2 images but '{labels}' has 3 labels.", error.Message);
    }

    [SkippableFact]
    public void Reads_the_real_fashion_mnist_test_set()
    {
        const string folder = "/usr/share/datasets/fashion-mnist";
        Skip.IfNot(File.Exists(Path.Combine(folder, "t10k-images-idx3-ubyte.gz")), "dataset-fashion-mnist is not installed");
        TorchNative.EnsureLoaded();
        using var data = ImageClassificationData.LoadIdx(
            Path.Combine(folder, "t10k-images-idx3-ubyte.gz"), Path.Combine(folder, "t10k-labels-idx1-ubyte.gz"));
        Assert.Equal(10_000, data.Count);
        Assert.Equal([1L, 28, 28], data.ExampleShape);
        // The Fashion-MNIST test set is balanced: 1000 images per class.
        using var counts = data.Labels.bincount(null, 10);
        Assert.All(counts.data<long>().ToArray(), c => Assert.Equal(1000, c));
        Assert.Equal(1f, data.Features.max().item<float>());
    }
}
