using TorchSharp;

namespace ModelDsl.Pretrained;

/// <summary>
/// Named tensors in a weights file, under the encoder's names: shapes first (cheap, checked before anything is read),
/// data on request.
/// </summary>
internal abstract class TensorSource
{
    /// <summary>What the tensors come from, for messages (a path, or the built-in model's name).</summary>
    public abstract string Description { get; }

    /// <summary>Every tensor the source offers, by the encoder's name.</summary>
    public abstract IReadOnlyDictionary<string, long[]> Shapes { get; }

    /// <summary>Reads the named tensors as float32 CPU tensors in the shapes <see cref="Shapes"/> gives.</summary>
    public abstract Dictionary<string, torch.Tensor> Read(IReadOnlyCollection<string> names);
}
