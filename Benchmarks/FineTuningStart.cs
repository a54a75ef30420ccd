using ModelDsl.Checkpoints;
using TorchSharp;
using static TorchSharp.torch;

namespace ModelDsl.Benchmarks;

/// <summary>
/// The weights a fine-tuning case starts from on every side: one module built and given its pretrained weights once
/// (the declared head keeps the random initialisation of <see cref="Seed"/>), copied into each fresh module a timed run
/// trains, and written as safetensors for the PyTorch twin. Loading the source (parsing MiniLM's ONNX file) is thus
/// outside every timed run; copying the state into a fresh module is inside, on both sides.
/// </summary>
internal sealed class FineTuningStart(Func<nn.Module<Tensor, Tensor>> create, Action<nn.Module<Tensor, Tensor>> loadPretrained) : IDisposable
{
    /// <summary>Seeds the random initialisation of the layers without a pretrained source (the head).</summary>
    public const int Seed = 42;

    private nn.Module<Tensor, Tensor>? _start;

    private nn.Module<Tensor, Tensor> Start
    {
        get
        {
            if (_start is null)
            {
                manual_seed(Seed);
                _start = create();
                loadPretrained(_start);
            }
            return _start;
        }
    }

    /// <summary>A fresh module holding the starting weights (the caller disposes it).</summary>
    public nn.Module<Tensor, Tensor> NewModel()
    {
        nn.Module<Tensor, Tensor> model = create();
        Dictionary<string, Tensor> start = Start.state_dict();
        using var noGrad = no_grad();
        foreach (var (name, value) in model.state_dict())
            value.copy_(start[name]);
        return model;
    }

    /// <summary>Parameters of the module, every one of which a fine-tuning case trains.</summary>
    public long ParameterCount => Start.parameters().Sum(p => p.numel());

    /// <summary>Writes the starting weights under the module's parameter names (which the twin shares).</summary>
    public void Save(string path) => WeightExport.SaveSafetensors(Start, path);

    /// <summary>The cross-entropy of the starting module in evaluation mode (no dropout) on the given examples.</summary>
    public double Loss(Tensor features, Tensor labels)
    {
        using var noGrad = no_grad();
        Start.eval();
        using var logits = Start.call(features);
        using var loss = nn.functional.cross_entropy(logits, labels);
        return loss.item<float>();
    }

    public void Dispose() => _start?.Dispose();
}
