using ModelDsl.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace ModelDsl.Tests.Training;

/// <summary>
/// A hand-written model of two inputs, as the generator will write one: a Dense over a float vector ("prices") plus the
/// mean of a one-wide embedding of token ids ("tokens"), summed into one binary logit. Linear in "prices", so integrated
/// gradients of that input are exactly weight × (value − baseline).
/// </summary>
public sealed class TwoInputModel : nn.Module<Tensor, Tensor, Tensor>
{
    /// <summary>Floats per example of "prices".</summary>
    public const int Features = 4;
    /// <summary>Token ids per example of "tokens".</summary>
    public const int Length = 6;
    /// <summary>Token vocabulary (id 0 pads).</summary>
    public const int Vocabulary = 10;

    private readonly TorchSharp.Modules.Linear dense;
    private readonly TorchSharp.Modules.Embedding embedding;

    /// <summary>Creates the layers from torch's current random state.</summary>
    public TwoInputModel() : base(nameof(TwoInputModel))
    {
        dense = nn.Linear(Features, 1);
        embedding = nn.Embedding(Vocabulary, 1);
        RegisterComponents();
    }

    /// <summary>The inputs as a generated trainer declares them.</summary>
    public static IReadOnlyList<ModelInput> Inputs { get; } =
        [ModelInput.Floats("prices", [Features]), ModelInput.TokenIds("tokens", Length, Vocabulary, paddingId: 0)];

    /// <summary>The weights of the Dense over "prices", <c>[1, Features]</c>.</summary>
    public Tensor DenseWeight => dense.weight!;

    /// <inheritdoc />
    public override Tensor forward(Tensor prices, Tensor tokens)
    {
        using var scope = NewDisposeScope();
        Tensor fromPrices = dense.call(prices);
        Tensor fromTokens = embedding.call(tokens).mean([1]);
        return scope.MoveToOuter(fromPrices + fromTokens);
    }
}
