using TorchSharp;
using static TorchSharp.torch;

namespace ModelDsl.CrashChild;

/// <summary>
/// A two-layer classifier with a deliberately wide hidden layer: its checkpoints (weights plus Adam moments, ~6 MB) take long
/// enough to write that random kills often land in the middle of a save.
/// </summary>
public sealed class CrashModel : nn.Module<Tensor, Tensor>
{
    /// <summary>The architecture hash its checkpoints record.</summary>
    public const string SpecHash = "crash-model-v1";
    /// <summary>Features per example.</summary>
    public const int Features = 256;
    /// <summary>Output classes.</summary>
    public const int Classes = 4;

    private readonly TorchSharp.Modules.Linear hidden;
    private readonly TorchSharp.Modules.Linear output;

    /// <summary>Creates the layers with torch's current random state.</summary>
    public CrashModel() : base(nameof(CrashModel))
    {
        hidden = nn.Linear(Features, 2048);
        output = nn.Linear(2048, Classes);
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        return scope.MoveToOuter(output.call(nn.functional.relu(hidden.call(input))));
    }
}
