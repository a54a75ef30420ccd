using System.Reflection;
using TorchSharp;

namespace ModelDsl.Devices;

/// <summary>Versions of ModelDsl and of the TorchSharp/libtorch it runs on, for logs and checkpoint manifests.</summary>
/// <param name="ModelDsl">The ModelDsl runtime version.</param>
/// <param name="TorchSharp">The TorchSharp assembly version.</param>
/// <param name="LibTorch">The libtorch version reported by the loaded native library.</param>
public sealed record RuntimeVersions(string ModelDsl, string TorchSharp, string LibTorch)
{
    /// <summary>Reads the versions of what is loaded in this process (loads libtorch if needed).</summary>
    public static RuntimeVersions Current()
    {
        TorchNative.EnsureLoaded();
        return new RuntimeVersions(
            InformationalVersion(typeof(RuntimeVersions).Assembly),
            InformationalVersion(typeof(torch).Assembly),
            torch.__version__);
    }

    private static string InformationalVersion(Assembly assembly)
    {
        string? version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        // Drop the "+commit" suffix the SDK appends.
        return version?.Split('+')[0] ?? assembly.GetName().Version?.ToString() ?? "unknown";
    }
}
