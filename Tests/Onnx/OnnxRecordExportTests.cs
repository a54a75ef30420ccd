using ModelDsl.Models.Data;
using ModelDsl.Models.Declarations;
using ModelDsl.Onnx;
using ModelDsl.Tests.Support;
using TorchSharp;

namespace ModelDsl.Tests.Onnx;

/// <summary>
/// A record model exported with its fitted featurizer reads the raw columns: ONNX Runtime on the raw values of the
/// records, through the sigmoid the file's metadata names, equals the trainer's <c>Predict(TRecord)</c> within 1e-5, for
/// standardised numbers, bools and one-hot enums (credit-mlp) and for quantile-scaled amounts with many ties (credit-default).
/// </summary>
public sealed class OnnxRecordExportTests
{
    [Fact]
    public void Credit_mlp_export_with_its_featurizer_matches_predict_on_raw_columns()
    {
        Devices.TorchNative.EnsureLoaded();
        torch.manual_seed(3);
        using var trainer = CreditMlpTrainer.Create();
        var (applicants, _) = ApplicantGenerator.Generate(300, seed: 5);
        trainer.FitFeaturizer(applicants.Take(200).ToList());
        using var folder = new TemporaryFolder();
        string path = Path.Combine(folder.Path, "credit-mlp.onnx");
        trainer.Model.eval();
        trainer.Model.ExportOnnx(path, trainer.Featurizer!);

        using var model = new OnnxModel(path);
        Assert.Equal(typeof(LoanApplication).GetProperties().Select(p => p.Name).Order(), model.InputNames.Order());
        Assert.Equal("ModelDsl.Models.Data.LoanApplication", model.Metadata[OnnxMetadata.Record]);
        Assert.Equal(CreditMlp.SpecHash, model.SpecHash);
        Assert.Equal("Rent,Mortgage,Own", model.Metadata[OnnxMetadata.MembersPrefix + "Home"]);
        AssertMatchesPredict(model, applicants.Skip(200).ToList(), trainer.Predict);
    }

    [Fact]
    public void Credit_default_export_ranks_quantile_columns_as_the_featurizer_does()
    {
        Devices.TorchNative.EnsureLoaded();
        torch.manual_seed(4);
        var random = new Random(6);
        // Amounts are 0 in a third of rows (runs of equal quantiles) and spread over four orders of magnitude otherwise;
        // the scored rows include values outside the fitted range and exact ties.
        double Amount() => random.Next(3) == 0 ? 0 : Math.Round(Math.Exp(random.NextDouble() * 10), 2);
        CreditCardClient Client() => new(Amount(), (ClientSex)random.Next(2), (ClientEducation)random.Next(5), (ClientMarriage)random.Next(3),
            random.Next(21, 70), random.Next(-2, 4), random.Next(-2, 4), random.Next(-2, 4), random.Next(-2, 4), random.Next(-2, 4), random.Next(-2, 4),
            Amount(), Amount(), Amount(), Amount(), Amount(), Amount() * 3, Amount(), Amount(), Amount(), Amount(), Amount(), Amount() - 50);
        var clients = Enumerable.Range(0, 400).Select(_ => Client()).ToList();
        using var trainer = CreditDefaultTrainer.Create();
        trainer.FitFeaturizer(clients.Take(300).ToList());
        using var folder = new TemporaryFolder();
        string path = Path.Combine(folder.Path, "credit-default.onnx");
        trainer.Model.eval();
        trainer.Model.ExportOnnx(path, trainer.Featurizer!);

        using var model = new OnnxModel(path);
        AssertMatchesPredict(model, [.. clients.Skip(300), clients[0] with { CreditLimit = 1e7, BillSep = -1e6 }], trainer.Predict);
    }

    [Fact]
    public void An_export_with_embedded_enums_and_robust_amounts_matches_predict_on_raw_columns()
    {
        using var folder = new TemporaryFolder();
        var (trainer, path, scored) = ExportEmbeddedRisk(folder, seed: 8, count: 200, fitted: 150);
        using (trainer)
        {
            using var model = new OnnxModel(path);
            Assert.Equal("Car,Home,Education,Business,Travel", model.Metadata[OnnxMetadata.MembersPrefix + "Purpose"]);
            AssertMatchesPredict(model, scored, trainer.Predict);
        }
    }

    /// <summary>
    /// A model with embedded enums and a robust-scaled amount (Tests/Training's EmbeddedRisk), random weights, its
    /// featurizer fitted on the first <paramref name="fitted"/> of <paramref name="count"/> random applicants, exported
    /// with it into <paramref name="folder"/>; the rest are returned to score.
    /// </summary>
    internal static (Training.EmbeddedRiskTrainer Trainer, string Path, List<Training.EmbeddedApplicant> Scored) ExportEmbeddedRisk(TemporaryFolder folder, int seed, int count, int fitted)
    {
        Devices.TorchNative.EnsureLoaded();
        torch.manual_seed(seed);
        var random = new Random(seed + 1);
        var applicants = Enumerable.Range(0, count).Select(_ => new Training.EmbeddedApplicant(random.NextDouble() * 5000 - 100,
            (Training.LoanPurpose)random.Next(5), random.Next(2) == 1, (Training.Housing)random.Next(3))).ToList();
        var trainer = Training.EmbeddedRiskTrainer.Create();
        trainer.FitFeaturizer(applicants.Take(fitted).ToList());
        string path = Path.Combine(folder.Path, "embedded-risk.onnx");
        trainer.Model.eval();
        trainer.Model.ExportOnnx(path, trainer.Featurizer!);
        return (trainer, path, applicants.Skip(fitted).ToList());
    }

    private static void AssertMatchesPredict<TRecord>(OnnxModel model, IReadOnlyList<TRecord> records, Func<IReadOnlyList<TRecord>, double[]> predict)
    {
        Assert.Equal("sigmoid", model.Metadata[OnnxMetadata.FinalActivation]);
        float[] logits = model.Run(records.Count, OnnxRecordInputs.Of(model, records));
        double[] expected = predict(records);
        double worst = expected.Zip(logits).Max(p => Math.Abs(p.First - 1 / (1 + Math.Exp(-p.Second))));
        Assert.True(worst <= 1e-5, $"ONNX Runtime on raw columns differs from Predict by {worst:G3}");
        Assert.True(expected.Max() - expected.Min() > 1e-3, "the predictions hardly vary, so the comparison shows little");
    }
}
