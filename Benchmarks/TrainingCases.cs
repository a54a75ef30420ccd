using System.Text.Json.Nodes;
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
        NewsMinilmFineTuning(),
    ];

    /// <summary>Examples per step of the fine-tuning case (the declared 32 would double PyTorch's 20 s steps).</summary>
    public const int FineTuningBatch = 16;

    /// <summary>
    /// news-minilm fine-tuned from all-MiniLM-L6-v2's weights with nothing frozen (every one of its 22.6 M parameters
    /// trains) and otherwise its declared options: AdamW at 5e-5, weight decay 0.01 on matrices and embeddings only, the
    /// linear warm-up schedule. The .NET side runs <c>--examples</c>/100 examples (2 to 16 batches), PyTorch 2 batches, each
    /// side at most 3 timed runs.
    /// </summary>
    private static TrainingCase NewsMinilmFineTuning()
    {
        const int Batch = FineTuningBatch;
        var start = new FineTuningStart(() => new NewsMinilm(), model => ((NewsMinilm)model).LoadPretrained());
        TrainingOptions Options(torch.Device device) => OneEpoch(NewsMinilmTrainer.DefaultOptions, Batch, device) with { Freeze = [] };
        int length = (int)NewsMinilm.InputShape[0];
        return new("news-minilm", Batch, count => BenchmarkData.MiniLmTokens(Math.Clamp(count / 100 / Batch, 2, 16) * Batch, length),
            (data, device) => Fit(new NewsMinilmTrainer((NewsMinilm)start.NewModel(), Options(device)) { OwnsModel = true }, data),
            new HandWrittenLoop(start.NewModel, model => DecayingAdamW(model, NewsMinilmTrainer.DefaultOptions)),
            typeof(NewsMinilm), "adamw", NewsMinilmTrainer.DefaultOptions.LearningRate, NewsMinilmTrainer.DefaultOptions.WeightDecay,
            NewsMinilmTrainer.DefaultOptions.GradientClipNorm)
        {
            FineTuning = new FineTuningSetup(start, ForPyTorch(NewsMinilm.PyTorchTrainingOptions, Options(torch.CPU)), PythonBatches: 2, MaxRepeats: 3),
        };
    }

    /// <summary>
    /// The model's declared options as its twin's <c>training_options.json</c> holds them, with every value PyTorch's
    /// training applies replaced by the one <paramref name="used"/> gives the generated trainer (names of the optimizer,
    /// loss and schedule stay the generator's spelling; the benchmark changes none of them).
    /// </summary>
    private static JsonObject ForPyTorch(string trainingOptionsJson, TrainingOptions used)
    {
        JsonObject training = JsonNode.Parse(trainingOptionsJson)!["training"]!.AsObject();
        training["learning_rate"] = used.LearningRate;
        training["weight_decay"] = used.WeightDecay;
        training["decay_bias_and_norm"] = used.DecayBiasAndNorm;
        training["momentum"] = used.Momentum;
        training["nesterov"] = used.Nesterov;
        training["batch_size"] = used.BatchSize;
        training["epochs"] = used.Epochs;
        training["warmup_steps"] = used.WarmupSteps;
        training["warmup_ratio"] = used.WarmupRatio;
        training["accumulate_steps"] = used.AccumulateSteps;
        training["gradient_clip_norm"] = used.GradientClipNorm;
        training["freeze"] = new JsonArray(used.Freeze.Select(prefix => (JsonNode)prefix).ToArray());
        training["seed"] = used.Seed;
        return training;
    }

    // The hand-written side of the fine-tuning recipe: AdamW whose weight decay skips biases and LayerNorm weights
    // (parameters of fewer than two dimensions), at the declared learning rate without a schedule.
    private static torch.optim.Optimizer DecayingAdamW(torch.nn.Module model, TrainingOptions declared)
    {
        var parameters = model.parameters().ToList();
        return torch.optim.AdamW(
        [
            new TorchSharp.Modules.AdamW.ParamGroup(parameters.Where(p => p.dim() >= 2), lr: declared.LearningRate, weight_decay: declared.WeightDecay),
            new TorchSharp.Modules.AdamW.ParamGroup(parameters.Where(p => p.dim() < 2), lr: declared.LearningRate, weight_decay: 0),
        ], declared.LearningRate);
    }

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
