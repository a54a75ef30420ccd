using TorchSharp;
using TorchSharp.PyBridge;

namespace ModelDsl.Checkpoints;

/// <summary>
/// Weights in formats PyTorch reads, keyed by the state-dict names the generated module registers (e.g. <c>conv2d_1.weight</c>):
/// the PyTorch state-dict file (<c>torch.load</c>) and safetensors. Built on TorchSharp.PyBridge.
/// </summary>
public static class WeightExport
{
    /// <summary>Writes <paramref name="module"/>'s state dict as a PyTorch file (load with <c>model.load_state_dict(torch.load(path))</c>).</summary>
    public static void SavePyTorch(torch.nn.Module module, string path) => module.save_py(path);

    /// <summary>Loads a PyTorch state-dict file into <paramref name="module"/> (names and shapes must match).</summary>
    public static void LoadPyTorch(torch.nn.Module module, string path) => module.load_py(path);

    /// <summary>Writes the state dict as safetensors.</summary>
    public static void SaveSafetensors(torch.nn.Module module, string path) => module.save_safetensors(path);

    /// <summary>Loads safetensors weights into <paramref name="module"/>.</summary>
    public static void LoadSafetensors(torch.nn.Module module, string path) => module.load_safetensors(path);
}
