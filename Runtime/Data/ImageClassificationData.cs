using TorchSharp;

namespace ModelDsl.Data;

/// <summary>Builds image-classification datasets from IDX image/label file pairs (MNIST layout).</summary>
public static class ImageClassificationData
{
    /// <summary>
    /// Loads images as float32 <c>[N, 1, rows, cols]</c> scaled to [0, 1] and labels as int64 <c>[N]</c>.
    /// </summary>
    /// <param name="limit">Read at most this many examples (null: all).</param>
    /// <exception cref="InvalidDataException">The files disagree on the number of examples, or are not images/labels.</exception>
    public static InMemoryDataset LoadIdx(string imagesPath, string labelsPath, int? limit = null)
    {
        IdxReader.IdxData images = IdxReader.Read(imagesPath);
        IdxReader.IdxData labels = IdxReader.Read(labelsPath);
        if (images.Dimensions.Length != 3)
            throw new InvalidDataException($"'{imagesPath}' has {images.Dimensions.Length} dimensions; image files have 3 (count, rows, columns).");
        if (labels.Dimensions.Length != 1)
            throw new InvalidDataException($"'{labelsPath}' has {labels.Dimensions.Length} dimensions; label files have 1.");
        if (images.Dimensions[0] != labels.Dimensions[0])
            throw new InvalidDataException($"'{imagesPath}' has {images.Dimensions[0]} images but '{labelsPath}' has {labels.Dimensions[0]} labels.");

        int count = Math.Min(images.Dimensions[0], limit ?? int.MaxValue);
        int rows = images.Dimensions[1], columns = images.Dimensions[2];
        var pixels = new float[(long)count * rows * columns];
        for (long i = 0; i < pixels.Length; i++)
            pixels[i] = images.Values[i] / 255f;
        var classes = new long[count];
        for (int i = 0; i < count; i++)
            classes[i] = labels.Values[i];
        return new InMemoryDataset(torch.tensor(pixels, [count, 1, rows, columns]), torch.tensor(classes));
    }
}
