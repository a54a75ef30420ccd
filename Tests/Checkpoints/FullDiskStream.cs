namespace ModelDsl.Tests.Checkpoints;

/// <summary>Passes writes through until a byte budget is spent, then fails the way a full disk does (ENOSPC).</summary>
public sealed class FullDiskStream(Stream inner, long bytesLeft) : Stream
{
    private long _bytesLeft = bytesLeft;

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => inner.Length;
    public override long Position { get => inner.Position; set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (buffer.Length > _bytesLeft)
            throw new IOException("No space left on device");
        _bytesLeft -= buffer.Length;
        inner.Write(buffer);
    }

    public override void Flush() => inner.Flush();
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
