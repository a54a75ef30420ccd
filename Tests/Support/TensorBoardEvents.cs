using System.Buffers.Binary;
using Google.Protobuf;

namespace ModelDsl.Tests.Support;

/// <summary>One scalar summary value read back from a TensorBoard event file.</summary>
internal sealed record ScalarEvent(string Tag, float Value, long Step, double WallTime);

/// <summary>
/// Reads TensorBoard event files without TensorBoard: the TFRecord framing (little-endian uint64 length, masked CRC-32C
/// of those 8 bytes, the data, masked CRC-32C of the data), every CRC checked, and the <c>Event</c> protobuf's scalar
/// summaries decoded field by field (event.proto: wall_time 1, step 2, file_version 3, summary 5; summary.proto: value 1,
/// whose tag is 1 and simple_value 2).
/// </summary>
internal static class TensorBoardEvents
{
    /// <summary>Every scalar in the event files directly inside <paramref name="folder"/>, in file then record order.</summary>
    public static List<ScalarEvent> ReadScalars(string folder)
    {
        string[] files = Directory.GetFiles(folder, "events.out.tfevents.*").Order(StringComparer.Ordinal).ToArray();
        Assert.True(files.Length > 0, $"no event file in {folder}");
        var scalars = new List<ScalarEvent>();
        foreach (string file in files)
        {
            List<byte[]> records = ReadRecords(file);
            Assert.Equal("brain.Event:2", FileVersion(records[0]));
            foreach (byte[] record in records.Skip(1))
                scalars.AddRange(Scalars(record));
        }
        return scalars;
    }

    /// <summary>The records of one TFRecord file; fails on a wrong CRC or a truncated record.</summary>
    public static List<byte[]> ReadRecords(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        var records = new List<byte[]>();
        int at = 0;
        while (at < bytes.Length)
        {
            Assert.True(at + 12 <= bytes.Length, $"{path}: truncated record header at byte {at}");
            ReadOnlySpan<byte> lengthBytes = bytes.AsSpan(at, 8);
            ulong length = BinaryPrimitives.ReadUInt64LittleEndian(lengthBytes);
            Assert.Equal(MaskedCrc32C(lengthBytes), BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at + 8, 4)));
            int dataStart = at + 12;
            Assert.True((ulong)dataStart + length + 4 <= (ulong)bytes.Length, $"{path}: truncated record at byte {at}");
            byte[] data = bytes.AsSpan(dataStart, (int)length).ToArray();
            Assert.Equal(MaskedCrc32C(data), BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(dataStart + (int)length, 4)));
            records.Add(data);
            at = dataStart + (int)length + 4;
        }
        return records;
    }

    /// <summary>CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), bit by bit: slow and obviously right.</summary>
    public static uint Crc32C(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int bit = 0; bit < 8; bit++)
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x82F63B78 : crc >> 1;
        }
        return ~crc;
    }

    /// <summary>TFRecord's masked CRC: rotated right by 15 bits plus 0xa282ead8.</summary>
    public static uint MaskedCrc32C(ReadOnlySpan<byte> data)
    {
        uint crc = Crc32C(data);
        return unchecked(((crc >> 15) | (crc << 17)) + 0xa282ead8);
    }

    private static string? FileVersion(byte[] record)
    {
        var input = new CodedInputStream(record);
        string? version = null;
        for (uint tag; (tag = input.ReadTag()) != 0;)
        {
            if (WireFormat.GetTagFieldNumber(tag) == 3)
                version = input.ReadString();
            else
                input.SkipLastField();
        }
        return version;
    }

    private static List<ScalarEvent> Scalars(byte[] record)
    {
        var input = new CodedInputStream(record);
        double wallTime = 0;
        long step = 0;
        var values = new List<(string Tag, float Value)>();
        for (uint tag; (tag = input.ReadTag()) != 0;)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1: wallTime = input.ReadDouble(); break;
                case 2: step = input.ReadInt64(); break;
                case 5: values.AddRange(SummaryValues(input.ReadBytes())); break;
                default: input.SkipLastField(); break;
            }
        }
        return values.Select(v => new ScalarEvent(v.Tag, v.Value, step, wallTime)).ToList();
    }

    private static IEnumerable<(string Tag, float Value)> SummaryValues(ByteString summary)
    {
        var input = new CodedInputStream(summary.ToByteArray());
        var values = new List<(string, float)>();
        for (uint tag; (tag = input.ReadTag()) != 0;)
        {
            if (WireFormat.GetTagFieldNumber(tag) != 1)
            {
                input.SkipLastField();
                continue;
            }
            var value = new CodedInputStream(input.ReadBytes().ToByteArray());
            string name = "";
            float? scalar = null;
            for (uint field; (field = value.ReadTag()) != 0;)
            {
                switch (WireFormat.GetTagFieldNumber(field))
                {
                    case 1: name = value.ReadString(); break;
                    case 2: scalar = value.ReadFloat(); break;
                    default: value.SkipLastField(); break;
                }
            }
            if (scalar is float number)
                values.Add((name, number));
        }
        return values;
    }
}
