using TorchSharp;

namespace ModelDsl.Devices;

/// <summary>
/// Turns a device request (<c>auto</c>, <c>cpu</c>, <c>cuda</c>, <c>cuda:N</c>) into a TorchSharp device,
/// failing with a clear message when CUDA is asked for and absent.
/// </summary>
public static class DeviceSelector
{
    /// <summary>The request used when none is given: CUDA when available, else CPU.</summary>
    public const string Auto = "auto";

    /// <summary>Resolves <paramref name="request"/> against what this process can see.</summary>
    /// <param name="request"><c>auto</c> (or null/empty), <c>cpu</c>, <c>cuda</c>, or <c>cuda:N</c>; case-insensitive.</param>
    /// <exception cref="ArgumentException">The request is not one of the accepted forms.</exception>
    /// <exception cref="InvalidOperationException">CUDA was asked for but is not available, or the index is out of range.</exception>
    public static torch.Device Resolve(string? request)
    {
        TorchNative.EnsureLoaded();
        string text = string.IsNullOrWhiteSpace(request) ? Auto : request.Trim().ToLowerInvariant();
        return Resolve(text, torch.cuda.is_available() ? torch.cuda.device_count() : 0);
    }

    /// <summary>The pure part of <see cref="Resolve(string?)"/>: decides given how many CUDA devices exist.</summary>
    internal static torch.Device Resolve(string request, int cudaDeviceCount)
    {
        switch (request)
        {
            case Auto:
                return cudaDeviceCount > 0 ? new torch.Device(DeviceType.CUDA, 0) : new torch.Device(DeviceType.CPU);
            case "cpu":
                return new torch.Device(DeviceType.CPU);
            case "cuda":
                RequireCuda(request, 0, cudaDeviceCount);
                return new torch.Device(DeviceType.CUDA, 0);
        }

        if (request.StartsWith("cuda:", StringComparison.Ordinal))
        {
            if (!int.TryParse(request.AsSpan(5), out int index) || index < 0)
                throw new ArgumentException($"Device '{request}' has an invalid CUDA index; expected 'cuda:N' with N a non-negative integer.", nameof(request));
            RequireCuda(request, index, cudaDeviceCount);
            return new torch.Device(DeviceType.CUDA, index);
        }

        throw new ArgumentException($"Unknown device '{request}'; expected one of: auto, cpu, cuda, cuda:N.", nameof(request));
    }

    private static void RequireCuda(string request, int index, int cudaDeviceCount)
    {
        if (cudaDeviceCount == 0)
            throw new InvalidOperationException(
                $"Device '{request}' was requested but CUDA is not available: the loaded libtorch has no CUDA support or no GPU is visible. " +
                $"Use --device cpu, or point {TorchNative.LibTorchDirectoryVariable} at a libtorch with CUDA (see docs/native-libraries.md).");
        if (index >= cudaDeviceCount)
            throw new InvalidOperationException(
                $"Device '{request}' was requested but only {cudaDeviceCount} CUDA device(s) are visible (valid: cuda:0 … cuda:{cudaDeviceCount - 1}).");
    }
}
