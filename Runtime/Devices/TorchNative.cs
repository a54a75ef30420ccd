using System.Runtime.InteropServices;
using TorchSharp;

namespace ModelDsl.Devices;

/// <summary>
/// Loads libtorch once per process: from the folder named by <see cref="LibTorchDirectoryVariable"/> when set
/// (for example a Python PyTorch install with CUDA), otherwise from the libtorch package next to the app.
/// </summary>
public static class TorchNative
{
    /// <summary>
    /// Environment variable naming a folder that holds libtorch's shared libraries (e.g.
    /// <c>…/site-packages/torch/lib</c>). When set, those libraries are loaded before TorchSharp's own
    /// binding so it binds to them. The app must then be built without the CPU libtorch package
    /// (<c>-p:ModelDslLibTorchPackage=none</c>) so the CPU copies are not found first.
    /// </summary>
    public const string LibTorchDirectoryVariable = "MODELDSL_LIBTORCH_DIR";

    // Dependency order: each library's needs are already loaded when it is.
    private static readonly string[] LibraryOrder =
        ["libc10.so", "libtorch_cpu.so", "libc10_cuda.so", "libtorch_cuda.so", "libtorch.so"];

    private static readonly Lazy<string?> Loaded = new(LoadOnce, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The external libtorch folder in use, or null when the packaged libtorch is used.</summary>
    public static string? ExternalLibTorchDirectory => Loaded.Value;

    /// <summary>Makes sure libtorch and TorchSharp's native binding are loaded; safe to call repeatedly.</summary>
    /// <exception cref="InvalidOperationException">The native libraries could not be loaded; the message says why.</exception>
    public static void EnsureLoaded() => _ = Loaded.Value;

    private static string? LoadOnce()
    {
        string? folder = Environment.GetEnvironmentVariable(LibTorchDirectoryVariable);
        if (!string.IsNullOrWhiteSpace(folder))
            PreloadFrom(folder);

        try
        {
            torch.InitializeDeviceType(DeviceType.CPU);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new InvalidOperationException(
                "TorchSharp's native libraries could not be loaded. If the message below mentions GLIBCXX_3.4.32, the build step " +
                "that patches libLibTorchSharp.so did not run for this output folder (see docs/native-libraries.md). " + ex.Message, ex);
        }
        return string.IsNullOrWhiteSpace(folder) ? null : Path.GetFullPath(folder);
    }

    private static void PreloadFrom(string folder)
    {
        if (!Directory.Exists(folder))
            throw new InvalidOperationException($"{LibTorchDirectoryVariable} names '{folder}', which is not a folder.");
        if (!File.Exists(Path.Combine(folder, "libtorch.so")))
            throw new InvalidOperationException($"{LibTorchDirectoryVariable} names '{folder}', which has no libtorch.so.");

        foreach (string library in LibraryOrder)
        {
            string path = Path.Combine(folder, library);
            if (File.Exists(path))
                NativeLibrary.Load(path);
        }
    }
}
