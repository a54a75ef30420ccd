using TorchSharp;
using static TorchSharp.torch;

namespace ModelDsl.Tests.Checkpoints;

/// <summary>A hand-written two-layer classifier with dropout (so resuming must restore the random generator too).</summary>
public sealed class HandWrittenClassifier : nn.Module<Tensor, Tensor>
{
    /// <summary>Features per example.</summary>
    public const int Features = 8;
    /// <summary>Output classes.</summary>
    public const int Classes = 3;

    private readonly TorchSharp.Modules.Linear hidden;
    private readonly TorchSharp.Modules.Dropout dropout;
    private readonly TorchSharp.Modules.Linear output;

    /// <summary>Creates the layers from torch's current random state.</summary>
    public HandWrittenClassifier(int hiddenUnits = 16) : base(nameof(HandWrittenClassifier))
    {
        hidden = nn.Linear(Features, hiddenUnits);
        dropout = nn.Dropout(0.3);
        output = nn.Linear(hiddenUnits, Classes);
        RegisterComponents();
    }

    /// <summary>The architecture hash for a given hidden width, as generated code would provide it.</summary>
    public static string SpecHashFor(int hiddenUnits) => $"hand-{hiddenUnits}";

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        return scope.MoveToOuter(output.call(dropout.call(nn.functional.relu(hidden.call(input)))));
    }
}
