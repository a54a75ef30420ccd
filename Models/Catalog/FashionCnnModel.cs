using ModelDsl.Models.Declarations;
using ModelDsl.Training;

namespace ModelDsl.Models.Catalog;

/// <summary><c>fashion-cnn</c>: the seed CNN on Fashion-MNIST.</summary>
internal sealed class FashionCnnModel : FashionMnistModel<FashionCnnTrainer, FashionCnn>
{
    public override string Name => "fashion-cnn";

    public override string Description => "Seed CNN (Conv2D 32 → MaxPool → Dense 10) on Fashion-MNIST clothing images.";

    public override string Summary() => FashionCnn.Summary();

    protected override TrainingOptions DefaultOptions => FashionCnnTrainer.DefaultOptions;

    protected override FashionCnnTrainer Create(TrainingOptions options) => FashionCnnTrainer.Create(options);

    protected override FashionCnnTrainer ForCheckpoint(TrainingOptions options) => new(new FashionCnn(), options) { OwnsModel = true };

    protected override (TorchSharp.torch.nn.Module Module, string SpecHash) NewModule() => (new FashionCnn(), FashionCnn.SpecHash);
}
