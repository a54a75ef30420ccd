using ModelDsl.Data;
using ModelDsl.Models.Declarations;
using ModelDsl.Training;
using TorchSharp;

namespace ModelDsl.Benchmarks;

/// <summary>
/// The shipped models as benchmark cases, each with its declared optimizer, learning rate, weight decay and clipping, so
/// the hand-written loop and the PyTorch script do exactly what the generated trainer does.
/// </summary>
internal static class TrainingCases
{
    /// <summary>Every case, the seed CNN reading Fashion-MNIST from <paramref name="fashionFolder"/>.</summary>
    public static IReadOnlyList<TrainingCase> All(string fashionFolder) =>
    [
        SeedCnn(32, fashionFolder),
        SeedCnn(512, fashionFolder),
        new("lstm", PriceLstmTrainer.DefaultOptions.BatchSize, BenchmarkData.PriceWindows,
            (data, device) => Fit(PriceLstmTrainer.Create(OneEpoch(PriceLstmTrainer.DefaultOptions, PriceLstmTrainer.DefaultOptions.BatchSize, device)), data),
            new HandWrittenLoop(() => new PriceLstm(), model => torch.optim.Adam(model.parameters(), 1e-3), clipNorm: 1.0),
            typeof(PriceLstm), "adam", 1e-3, 0, 1.0),
        new("transformer", NewsTransformerTrainer.DefaultOptions.BatchSize, BenchmarkData.NewsTokens,
            (data, device) => Fit(NewsTransformerTrainer.Create(OneEpoch(NewsTransformerTrainer.DefaultOptions, NewsTransformerTrainer.DefaultOptions.BatchSize, device)), data),
            new HandWrittenLoop(() => new NewsTransformer(), model => torch.optim.AdamW(model.parameters(), 1e-3, weight_decay: 0.01)),
            typeof(NewsTransformer), "adamw", 1e-3, 0.01, 0),
    ];

    private static TrainingCase SeedCnn(int batch, string fashionFolder) =>
        new($"cnn{batch}", batch, count => BenchmarkData.Images(count, fashionFolder).Data,
            (data, device) => Fit(FashionCnnTrainer.Create(OneEpoch(FashionCnnTrainer.DefaultOptions, batch, device)), data),
            new HandWrittenLoop(() => new FashionCnn(), model => torch.optim.Adam(model.parameters(), 1e-3)),
            typeof(FashionCnn), "adam", 1e-3, 0, 0);

    // Declared options except: one epoch, the case's batch, the chosen device, no validation (the loops compare training steps).
    private static TrainingOptions OneEpoch(TrainingOptions declared, int batch, torch.Device device) =>
        declared with { Epochs = 1, BatchSize = batch, Device = device.ToString(), Monitor = "loss", ValidationSplit = 0, Patience = 0 };

    private static void Fit<TModel>(ModelTrainer<TModel> trainer, InMemoryDataset data) where TModel : torch.nn.Module<torch.Tensor, torch.Tensor>
    {
        using (trainer)
            trainer.Fit(data);
    }
}
