using ModelDsl.Models.Declarations;
using ModelDsl.Training;

namespace ModelDsl.Models.Catalog;

/// <summary><c>fashion-resnet</c>: a small residual CNN on Fashion-MNIST, built from Add blocks.</summary>
internal sealed class FashionResnetModel : FashionMnistModel<FashionResnetTrainer, FashionResnet>
{
    public override string Name => "fashion-resnet";

    public override string Description => "Small residual CNN (two Add blocks of two 3×3 convolutions each) on Fashion-MNIST clothing images.";

    public override string Summary() => FashionResnet.Summary();

    protected override TrainingOptions DefaultOptions => FashionResnetTrainer.DefaultOptions;

    protected override FashionResnetTrainer Create(TrainingOptions options) => FashionResnetTrainer.Create(options);

    protected override FashionResnetTrainer ForCheckpoint(TrainingOptions options) => new(new FashionResnet(), options) { OwnsModel = true };

    protected override (TorchSharp.torch.nn.Module Module, string SpecHash) NewModule() => (new FashionResnet(), FashionResnet.SpecHash);
}
