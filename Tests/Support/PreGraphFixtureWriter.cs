using System.Text.Json;
using System.Text.Json.Serialization;
using ModelDsl.Checkpoints;
using ModelDsl.Data;
using ModelDsl.Models.Data;
using ModelDsl.Models.Declarations;
using ModelDsl.Training;
using TorchSharp;

namespace ModelDsl.Tests.Support;

/// <summary>
/// Made <c>Tests/Fixtures/PreGraphCheckpoints/</c> at commit d627dcc, the last one before the graph redesign of issue 16:
/// for fashion-cnn, credit-mlp and price-lstm it trains the declared, seeded model for one epoch on a little synthetic data,
/// saves a checkpoint through <see cref="CheckpointStore"/> (weights, trainer state and, for credit-mlp, the fitted
/// featurizer; no optimizer state, to keep the fixture small) and records what <see cref="PreGraphFixtureModel"/> holds.
/// news-transformer is left out: its 50,257 × 64 embedding alone makes a 13 MB checkpoint.
/// </summary>
/// <remarks>
/// Kept so the fixture's making can be read and checked. Running it on later code makes a new fixture of that code, which
/// proves nothing about compatibility with the old one: the committed files are the contract.
/// </remarks>
public static class PreGraphFixtureWriter
{
    /// <summary>The expectations file's name inside the fixture folder.</summary>
    public const string ExpectationsFile = "expectations.json";

    /// <summary>How the expectations are written and read (enums by name, so the records stay readable).</summary>
    public static JsonSerializerOptions Json { get; } = new() { WriteIndented = true, Converters = { new JsonStringEnumConverter() } };

    /// <summary>Writes one checkpoint folder per model and <see cref="ExpectationsFile"/> into <paramref name="folder"/>.</summary>
    public static void Write(string folder)
    {
        Directory.CreateDirectory(folder);
        var models = new List<PreGraphFixtureModel>
        {
            WriteFashionCnn(folder),
            WriteCreditMlp(folder),
            WritePriceLstm(folder),
        };
        File.WriteAllText(Path.Combine(folder, ExpectationsFile), JsonSerializer.Serialize(models, Json));
    }

    private static PreGraphFixtureModel WriteFashionCnn(string folder)
    {
        TrainingOptions options = FashionCnnTrainer.DefaultOptions with { Device = "cpu", Epochs = 1 };
        using FashionCnnTrainer trainer = FashionCnnTrainer.Create(options);
        var random = new Random(16);
        // Pixels are whole multiples of 1/255, as the IDX reader makes them.
        using InMemoryDataset train = new(Tensor(Pixels(random, 96 * 784), [96, 1, 28, 28]), torch.tensor(Classes(random, 96, 10)));
        trainer.Fit(train, options: options);
        long[] shape = [4, 1, 28, 28];
        float[] inputs = Pixels(random, 4 * 784);
        return Save(folder, "fashion-cnn", trainer, options, inputs, shape, null, Predict(trainer, inputs, shape));
    }

    private static PreGraphFixtureModel WriteCreditMlp(string folder)
    {
        TrainingOptions options = CreditMlpTrainer.DefaultOptions with { Device = "cpu", Epochs = 2 };
        using CreditMlpTrainer trainer = CreditMlpTrainer.Create(options);
        (List<LoanApplication> applicants, List<int> defaulted) = ApplicantGenerator.Generate(400, options.Seed);
        List<float> targets = defaulted.ConvertAll(d => (float)d);
        trainer.Fit(applicants[..300], targets[..300], applicants[300..], targets[300..], options);
        List<LoanApplication> records = ApplicantGenerator.Generate(6, seed: 1616).Applicants;
        float[] predictions = Array.ConvertAll(trainer.Predict(records), p => (float)p);
        return Save(folder, "credit-mlp", trainer, options, [], [], records, predictions);
    }

    private static PreGraphFixtureModel WritePriceLstm(string folder)
    {
        TrainingOptions options = PriceLstmTrainer.DefaultOptions with { Device = "cpu", Epochs = 1 };
        using PriceLstmTrainer trainer = PriceLstmTrainer.Create(options);
        var random = new Random(1616);
        using InMemoryDataset train = new(Tensor(Features(random, 128 * 120), [128, 30, 4]), torch.tensor(Classes(random, 128, 2)));
        trainer.Fit(train, options: options);
        long[] shape = [4, 30, 4];
        float[] inputs = Features(random, 4 * 120);
        return Save(folder, "price-lstm", trainer, options, inputs, shape, null, Predict(trainer, inputs, shape));
    }

    private static PreGraphFixtureModel Save<TModel>(string folder, string name, ModelTrainer<TModel> trainer, TrainingOptions options,
        float[] inputs, long[] shape, List<LoanApplication>? records, float[] predictions)
        where TModel : torch.nn.Module<torch.Tensor, torch.Tensor>
    {
        var store = new CheckpointStore(Path.Combine(folder, name));
        var snapshot = new TrainerSnapshot(options.Epochs, 0, double.NaN, 0, [], []);
        store.Save(trainer.Model, typeof(TModel).Name, trainer.SpecHash, optimizer: null, snapshot, trainer.CheckpointFiles());
        return new PreGraphFixtureModel(name, trainer.SpecHash, ParameterComparison.Of(trainer.Model), shape, inputs, records, predictions);
    }

    private static float[] Predict<TModel>(ModelTrainer<TModel> trainer, float[] inputs, long[] shape)
        where TModel : torch.nn.Module<torch.Tensor, torch.Tensor>
    {
        using torch.Tensor batch = Tensor(inputs, shape);
        using torch.Tensor predictions = trainer.Predict(batch);
        return predictions.cpu().data<float>().ToArray();
    }

    private static torch.Tensor Tensor(float[] values, long[] shape) => torch.tensor(values).reshape(shape);

    private static float[] Pixels(Random random, int count) => Enumerable.Range(0, count).Select(_ => random.Next(256) / 255f).ToArray();

    // Returns, volatilities and momenta of the price windows are small numbers around zero.
    private static float[] Features(Random random, int count) => Enumerable.Range(0, count).Select(_ => (float)((random.NextDouble() - 0.5) * 0.1)).ToArray();

    private static long[] Classes(Random random, int count, int classes) => Enumerable.Range(0, count).Select(_ => (long)random.Next(classes)).ToArray();
}
