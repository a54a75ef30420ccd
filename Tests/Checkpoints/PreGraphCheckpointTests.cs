using System.Text.Json;
using ModelDsl.Checkpoints;
using ModelDsl.Devices;
using ModelDsl.Models.Declarations;
using ModelDsl.Tests.Support;
using ModelDsl.Training;
using TorchSharp;

namespace ModelDsl.Tests.Checkpoints;

/// <summary>
/// Issue 16's compatibility promise: checkpoints saved before the graph redesign (commit d627dcc, the fixture under
/// <c>Tests/Fixtures/PreGraphCheckpoints/</c>) still fit today's generated models — same spec hash, same parameter names and
/// shapes in the same order — load through the normal API, and predict what they predicted then.
/// </summary>
public sealed class PreGraphCheckpointTests
{
    private const double Tolerance = 1e-6;
    private static readonly string Fixture = Path.Combine(RepositoryPaths.TestOutput, "Fixtures", "PreGraphCheckpoints");

    public PreGraphCheckpointTests() => TorchNative.EnsureLoaded();

    private static PreGraphFixtureModel Recorded(string name)
    {
        string text = File.ReadAllText(Path.Combine(Fixture, PreGraphFixtureWriter.ExpectationsFile));
        List<PreGraphFixtureModel> models = JsonSerializer.Deserialize<List<PreGraphFixtureModel>>(text, PreGraphFixtureWriter.Json)!;
        return models.Single(m => m.Name == name);
    }

    [Fact]
    public void Fashion_cnn_keeps_its_spec_hash_parameters_and_predictions()
    {
        PreGraphFixtureModel recorded = Recorded("fashion-cnn");
        using var trainer = new FashionCnnTrainer(new FashionCnn(), FashionCnnTrainer.DefaultOptions with { Device = "cpu" }) { OwnsModel = true };

        AssertSameArchitecture(recorded, FashionCnn.SpecHash, trainer.Model);
        LoadWeights(recorded, trainer);
        AssertClose(recorded.Predictions, PredictTensor(trainer, recorded));
    }

    [Fact]
    public void Price_lstm_keeps_its_spec_hash_parameters_and_predictions()
    {
        PreGraphFixtureModel recorded = Recorded("price-lstm");
        using var trainer = new PriceLstmTrainer(new PriceLstm(), PriceLstmTrainer.DefaultOptions with { Device = "cpu" }) { OwnsModel = true };

        AssertSameArchitecture(recorded, PriceLstm.SpecHash, trainer.Model);
        LoadWeights(recorded, trainer);
        AssertClose(recorded.Predictions, PredictTensor(trainer, recorded));
    }

    [Fact]
    public void Credit_mlp_keeps_its_spec_hash_parameters_featurizer_and_predictions()
    {
        PreGraphFixtureModel recorded = Recorded("credit-mlp");
        using var trainer = new CreditMlpTrainer(new CreditMlp(), CreditMlpTrainer.DefaultOptions with { Device = "cpu" }) { OwnsModel = true };

        AssertSameArchitecture(recorded, CreditMlp.SpecHash, trainer.Model);
        CheckpointInfo checkpoint = LoadWeights(recorded, trainer);
        // The featurizer's statistics were fitted on the training records then and must be read back as they were saved.
        trainer.LoadFeaturizer(checkpoint);
        double[] predictions = trainer.Predict(recorded.Records!);
        AssertClose(recorded.Predictions, Array.ConvertAll(predictions, p => (float)p));
    }

    [SkippableFact]
    public void Writes_the_fixture_only_when_asked()
    {
        // A tool, not a check: MODELDSL_WRITE_PREGRAPH_FIXTURE=<folder> made the committed fixture at d627dcc.
        string? target = Environment.GetEnvironmentVariable("MODELDSL_WRITE_PREGRAPH_FIXTURE");
        Skip.If(string.IsNullOrEmpty(target), "set MODELDSL_WRITE_PREGRAPH_FIXTURE to a folder to write a fixture of the current code");
        PreGraphFixtureWriter.Write(target!);
    }

    private static void AssertSameArchitecture(PreGraphFixtureModel recorded, string specHash, torch.nn.Module model)
    {
        Assert.Equal(recorded.SpecHash, specHash);
        List<CheckpointManifest.ParameterEntry> current = ParameterComparison.Of(model);
        Assert.Equal(recorded.Parameters.Select(p => p.Name), current.Select(p => p.Name));
        Assert.Equal(recorded.Parameters.Select(p => string.Join("×", p.Shape)), current.Select(p => string.Join("×", p.Shape)));
    }

    /// <summary>Loads the fixture's checkpoint the way the CLI does: resolve the run folder, check the architecture, read the weights.</summary>
    private static CheckpointInfo LoadWeights<TModel>(PreGraphFixtureModel recorded, ModelTrainer<TModel> trainer)
        where TModel : torch.nn.Module<torch.Tensor, torch.Tensor>
    {
        CheckpointInfo checkpoint = CheckpointStore.Resolve(Path.Combine(Fixture, recorded.Name));
        CheckpointStore.LoadWeights(checkpoint, trainer.Model, trainer.SpecHash);
        trainer.MoveToDevice();
        return checkpoint;
    }

    private static float[] PredictTensor<TModel>(ModelTrainer<TModel> trainer, PreGraphFixtureModel recorded)
        where TModel : torch.nn.Module<torch.Tensor, torch.Tensor>
    {
        using torch.Tensor inputs = torch.tensor(recorded.Inputs).reshape(recorded.InputShape);
        using torch.Tensor predictions = trainer.Predict(inputs);
        return predictions.cpu().data<float>().ToArray();
    }

    private static void AssertClose(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= Tolerance, $"prediction {i}: recorded {expected[i]:R}, now {actual[i]:R}");
    }
}
