using System.Reflection;
using System.Text;
using ModelDsl.Checkpoints;
using ModelDsl.Devices;
using ModelDsl.Models.Data;
using ModelDsl.Models.Declarations;
using ModelDsl.Tests.Support;
using ModelDsl.Training;

namespace ModelDsl.Tests.Finance;

/// <summary>
/// The featurizer the generator emits from <see cref="LoanApplication"/> for <c>credit-mlp</c>: standardisation checked by
/// hand, the column layout against the record as reflection sees it, the statistics kept in checkpoints, and the typed Predict.
/// </summary>
public sealed class CreditMlpFeaturizerTests
{
    private static readonly LoanApplication Low = new(1000, 10, 0.2, 2, 0, HomeOwnership.Rent, LoanPurpose.Car, false, 1, 10);
    private static readonly LoanApplication High = new(3000, 30, 0.4, 6, 2, HomeOwnership.Own, LoanPurpose.Vacation, true, 5, 30);

    public CreditMlpFeaturizerTests() => TorchNative.EnsureLoaded();

    [Fact]
    public void Numbers_are_standardised_with_training_statistics_bools_are_0_or_1_and_enums_one_hot()
    {
        CreditMlpFeaturizer featurizer = CreditMlpFeaturizer.Fit([Low, High]);

        // Two values each: mean halfway, population sd half the gap, so the rows standardise to −1 and +1.
        float[] low = featurizer.Transform(Low), high = featurizer.Transform(High);
        Assert.Equal(16, low.Length);
        Assert.Equal(new float[] { -1, -1, -1, -1, -1 }, low[..5]);       // Income … LatePayments
        Assert.Equal(new float[] { 1, 1, 1, 1, 1 }, high[..5]);
        Assert.Equal(new float[] { 1, 0, 0 }, low[5..8]);                 // Home: Rent
        Assert.Equal(new float[] { 0, 0, 1 }, high[5..8]);                // Home: Own
        Assert.Equal(new float[] { 0, 1, 0, 0, 0 }, low[8..13]);          // Purpose: Car
        Assert.Equal(new float[] { 0, 0, 0, 0, 1 }, high[8..13]);         // Purpose: Vacation
        Assert.Equal((0f, 1f), (low[13], high[13]));                      // HasCoSigner
        Assert.Equal(new float[] { -1, -1 }, low[14..]);                  // ApplicationDayOfWeek, NoiseScore
        Assert.Equal(new float[] { 1, 1 }, high[14..]);

        // Statistics come from the training rows only: a new applicant at the training mean scales to 0.
        var middle = Low with { Income = 2000 };
        Assert.Equal(0f, featurizer.Transform(middle)[0]);
    }

    [Fact]
    public void Column_layout_follows_the_record_declaration_one_group_per_property()
    {
        // Expected layout from reflection over the record, independent of the generator's Roslyn view of it.
        var expected = new List<(string Name, long[] Columns)>();
        long next = 0;
        foreach (ParameterInfo parameter in typeof(LoanApplication).GetConstructors().Single().GetParameters())
        {
            int width = parameter.ParameterType.IsEnum ? Enum.GetValues(parameter.ParameterType).Length : 1;
            expected.Add((parameter.Name!, Enumerable.Range((int)next, width).Select(c => (long)c).ToArray()));
            next += width;
        }

        Assert.Equal(CreditMlpFeaturizer.InputWidth, next);
        Assert.Equal(CreditMlp.InputShape, [next]);
        Assert.Equal(expected.Select(e => e.Name), CreditMlpFeaturizer.PropertyGroups.Select(g => g.Name));
        Assert.Equal(expected.Select(e => e.Columns), CreditMlpFeaturizer.PropertyGroups.Select(g => g.Columns.ToArray()));
        Assert.Equal(ApplicantGenerator.RuleFeatures.Concat(ApplicantGenerator.IgnoredFeatures).Order(), expected.Select(e => e.Name).Order());
    }

    [Fact]
    public void Saved_statistics_reload_to_the_same_transform_and_refuse_other_columns()
    {
        CreditMlpFeaturizer fitted = CreditMlpFeaturizer.Fit([Low, High, Low with { Income = 5000 }]);

        CreditMlpFeaturizer loaded = CreditMlpFeaturizer.Load(fitted.Save(), "features.json");
        Assert.Equal(fitted.Transform(High), loaded.Transform(High));

        string renamed = Encoding.UTF8.GetString(fitted.Save()).Replace("\"NoiseScore\"", "\"RiskScore\"");
        var error = Assert.Throws<InvalidDataException>(() => CreditMlpFeaturizer.Load(Encoding.UTF8.GetBytes(renamed), "run/features.json"));
        Assert.Contains("run/features.json", error.Message);
        Assert.Contains("RiskScore", error.Message);
        Assert.Contains("NoiseScore", error.Message);
        Assert.Throws<InvalidDataException>(() => CreditMlpFeaturizer.Load("{ not json"u8.ToArray(), "broken.json"));
    }

    [Fact]
    public void Bad_values_are_reported_with_row_and_field()
    {
        var fitError = Assert.Throws<ArgumentException>(() => CreditMlpFeaturizer.Fit([Low, High with { DebtToIncome = double.NaN }]));
        Assert.Contains("row 1", fitError.Message);
        Assert.Contains("'DebtToIncome'", fitError.Message);

        CreditMlpFeaturizer featurizer = CreditMlpFeaturizer.Fit([Low, High]);
        var enumError = Assert.Throws<ArgumentException>(() => featurizer.ToTensor([Low, High with { Purpose = (LoanPurpose)42 }]));
        Assert.Contains("Row 1", enumError.Message);
        Assert.Contains("'Purpose'", enumError.Message);
        Assert.Contains("42", enumError.Message);
    }

    [Fact]
    public void Trainer_keeps_the_featurizer_in_each_checkpoint_and_a_reloaded_trainer_predicts_the_same()
    {
        (List<LoanApplication> applicants, List<int> defaulted) = ApplicantGenerator.Generate(400, seed: 3);
        List<float> targets = defaulted.ConvertAll(d => (float)d);
        using var folder = new TemporaryFolder();
        var store = new CheckpointStore(folder.Path);
        TrainingOptions options = CreditMlpTrainer.DefaultOptions with { Epochs = 2, Device = "cpu", Monitor = "loss", RestoreBestWeights = false };

        double[] before;
        using (CreditMlpTrainer trainer = CreditMlpTrainer.Create(options))
        {
            Assert.Throws<InvalidOperationException>(() => trainer.Predict(Low));
            // Nothing to forget: the trainer knows the model's name, hash, optimizer and the files a reload needs.
            CheckpointCallback callback = trainer.CheckpointTo(store);
            Assert.Same(callback, Assert.Single(trainer.Callbacks));
            trainer.Fit(applicants[..300], targets[..300], applicants[300..], targets[300..], options);
            Assert.Equal(Path.Combine(folder.Path, "epoch-0002"), callback.LastSaved);
            Assert.NotNull(trainer.Featurizer);
            before = trainer.Predict(applicants[300..]);
            Assert.Equal(before[5], trainer.Predict(applicants[305]), 6);
            Assert.All(before, p => Assert.InRange(p, 0, 1));
        }

        CheckpointInfo latest = store.Latest()!;
        CheckpointManifest manifest = CheckpointStore.ReadManifest(latest.Directory);
        Assert.Contains(CreditMlpFeaturizer.CheckpointFile, manifest.Checksums.Keys);
        Assert.Contains(CheckpointStore.OptimizerFile, manifest.Checksums.Keys);
        Assert.Equal(nameof(CreditMlp), manifest.Model);
        Assert.Equal(CreditMlp.SpecHash, manifest.SpecHash);
        using (var reloaded = new CreditMlpTrainer(new CreditMlp(), options))
        {
            CheckpointStore.LoadWeights(latest, reloaded.Model, reloaded.SpecHash);
            reloaded.LoadFeaturizer(latest);
            Assert.Equal(before, reloaded.Predict(applicants[300..]));
        }

        File.AppendAllText(Path.Combine(latest.Directory, CreditMlpFeaturizer.CheckpointFile), " ");
        using var tampered = new CreditMlpTrainer(new CreditMlp(), options);
        var error = Assert.Throws<CheckpointException>(() => tampered.LoadFeaturizer(latest));
        Assert.Contains("features.json", error.Message);
        Assert.Contains("checksum", error.Message);
    }

    [Fact]
    public void An_extra_checkpoint_file_cannot_replace_one_the_trainer_saves()
    {
        (List<LoanApplication> applicants, List<int> defaulted) = ApplicantGenerator.Generate(100, seed: 3);
        using var folder = new TemporaryFolder();
        TrainingOptions options = CreditMlpTrainer.DefaultOptions with { Epochs = 1, Device = "cpu", Monitor = "loss", RestoreBestWeights = false };
        using CreditMlpTrainer trainer = CreditMlpTrainer.Create(options);
        trainer.CheckpointTo(new CheckpointStore(folder.Path), extraFiles: new Dictionary<string, byte[]> { [CreditMlpFeaturizer.CheckpointFile] = [] });
        var error = Assert.Throws<ArgumentException>(() => trainer.Fit(applicants, defaulted.ConvertAll(d => (float)d), options: options));
        Assert.Contains($"'{CreditMlpFeaturizer.CheckpointFile}'", error.Message);
        Assert.Empty(Directory.GetDirectories(folder.Path, "epoch-*"));
    }
}
