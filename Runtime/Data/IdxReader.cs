using System.Buffers.Binary;
using System.IO.Compression;

namespace ModelDsl.Data;

/// <summary>Reads MNIST-format IDX files (unsigned-byte data), gzipped or not, as used by MNIST and Fashion-MNIST.</summary>
public static class IdxReader
{
    /// <summary>The dimensions and raw bytes of an IDX file.</summary>
    public sealed record IdxData(int[] Dimensions, byte[] Values);

    /// <summary>Reads <paramref name="path"/>; a <c>.gz</c> file (by magic bytes) is decompressed on the fly.</summary>
    /// <exception cref="InvalidDataException">The file is not an unsigned-byte IDX file or is truncated; the message names the file.</exception>
    public static IdxData Read(string path)
    {
        using FileStream file = File.OpenRead(path);
        Span<byte> magic = stackalloc byte[2];
        bool gzip = file.Read(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
        file.Position = 0;
        using Stream stream = gzip ? new GZipStream(file, CompressionMode.Decompress) : file;
        try
        {
            return Read(stream, path);
        }
        catch (InvalidDataException ex) when (ex.Message.StartsWith("IDX file", StringComparison.Ordinal) is false)
        {
            throw new InvalidDataException($"IDX file '{path}' could not be decompressed: {ex.Message}", ex);
        }
    }

    private static IdxData Read(Stream stream, string path)
    {
        Span<byte> header = stackalloc byte[4];
        ReadExactly(stream, header, path, "header");
        if (header[0] != 0 || header[1] != 0)
            throw new InvalidDataException($"IDX file '{path}' does not start with two zero bytes; it is not an IDX file.");
        if (header[2] != 0x08)
            throw new InvalidDataException($"IDX file '{path}' holds element type 0x{header[2]:x2}; only unsigned bytes (0x08) are supported.");
        int rank = header[3];
        if (rank is < 1 or > 4)
            throw new InvalidDataException($"IDX file '{path}' declares {rank} dimensions; expected 1 to 4.");

        var dimensions = new int[rank];
        Span<byte> size = stackalloc byte[4];
        long count = 1;
        for (int i = 0; i < rank; i++)
        {
            ReadExactly(stream, size, path, $"dimension {i}");
            dimensions[i] = BinaryPrimitives.ReadInt32BigEndian(size);
            if (dimensions[i] < 0)
                throw new InvalidDataException($"IDX file '{path}' declares a negative size for dimension {i}.");
            count *= dimensions[i];
        }
        if (count > Array.MaxLength)
            throw new InvalidDataException($"IDX file '{path}' declares {count} values, more than fit in memory at once.");
        var values = new byte[count];
        ReadExactly(stream, values, path, "data");
        return new IdxData(dimensions, values);
    }

    private static void ReadExactly(Stream stream, Span<byte> buffer, string path, string part)
    {
        int total = 0;
        while (total < buffer.Length)
        {
            int read = stream.Read(buffer[total..]);
            if (read == 0)
                throw new InvalidDataException($"IDX file '{path}' ends early while reading its {part} ({total} of {buffer.Length} bytes).");
            total += read;
        }
    }
}
