using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace ModelDsl.Checkpoints;

/// <summary>
/// File operations that survive a crash: data is forced to disk (fsync) before a rename publishes it, and the folder
/// holding a renamed entry is synced too, so after power loss the rename is either fully there or not at all.
/// </summary>
internal static class DurableFile
{
    /// <summary>Creates <paramref name="path"/> (it must not exist), writes it and syncs it to disk.</summary>
    /// <param name="wrap">Test hook: replaces the stream the content is written to (e.g. one that fails like a full disk).</param>
    public static void Write(string path, Action<Stream> write, Func<string, Stream, Stream>? wrap = null)
    {
        using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 16);
        Stream target = wrap?.Invoke(path, file) ?? file;
        write(target);
        target.Flush();
        file.Flush(flushToDisk: true);
    }

    /// <summary>Writes <paramref name="path"/> through a temporary sibling that is synced and then renamed over it.</summary>
    public static void Replace(string path, Action<string> writeTo)
    {
        string full = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(folder);
        string temporary = Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            writeTo(temporary);
            using (var file = new FileStream(temporary, FileMode.Open, FileAccess.ReadWrite))
                file.Flush(flushToDisk: true);
            File.Move(temporary, full, overwrite: true);
            SyncDirectory(folder);
        }
        finally
        {
            if (File.Exists(temporary))
                File.Delete(temporary);
        }
    }

    /// <summary>Lowercase hex SHA-256 of a file.</summary>
    public static string Sha256(string path)
    {
        using FileStream stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>Makes the entries of <paramref name="folder"/> (new files, renames) durable. No-op on Windows, which has no directory fsync.</summary>
    public static void SyncDirectory(string folder)
    {
        if (OperatingSystem.IsWindows())
            return;
        int descriptor = Open(folder, 0 /* O_RDONLY */);
        if (descriptor < 0)
            throw new IOException($"Cannot open folder '{folder}' to sync it (errno {Marshal.GetLastPInvokeError()}).");
        try
        {
            if (Fsync(descriptor) != 0)
                throw new IOException($"Cannot sync folder '{folder}' to disk (errno {Marshal.GetLastPInvokeError()}).");
        }
        finally
        {
            _ = Close(descriptor);
        }
    }

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static extern int Fsync(int descriptor);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    private static extern int Close(int descriptor);
}
