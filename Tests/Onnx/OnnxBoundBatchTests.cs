using ModelDsl.Models.Data;
using ModelDsl.Models.Declarations;
using ModelDsl.Onnx;
using ModelDsl.Tests.Support;
using TorchSharp;

namespace ModelDsl.Tests.Onnx;

/// <summary>
/// The typed serving path: the generated <c>{Model}OnnxInputs</c> writes records into an <see cref="OnnxBoundBatch"/>,
/// whose buffers are bound to ONNX Runtime once. Reused buffers must give each record its own prediction (equal to
/// <c>Predict(TRecord)</c> within 1e-5, call after call), and a file that does not fit the code is refused when the
/// inputs are created, not scored wrongly.
/// </summary>
public sealed class OnnxBoundBatchTests
{
    [Fact]
    public void Typed_single_record_runs_on_one_bound_batch_match_predict_record_by_record()
    {
        using var exported = CreditExport.Create(seed: 11);
        using var model = new OnnxModel(exported.Path);
        var inputs = new CreditMlpOnnxInputs(model);
        using OnnxBoundBatch one = model.Bind(1);

        // Consecutive records differ in every kind of column, so a stale buffer value would show.
        double worst = 0;
        foreach (LoanApplication record in exported.Scored)
        {
            float logit = inputs.Run(one, record)[0];
            worst = Math.Max(worst, Math.Abs(exported.Trainer.Predict(record) - Sigmoid(logit)));
        }
        Assert.True(worst <= 1e-5, $"the bound single-record path differs from Predict by {worst:G3}");
    }

    [Fact]
    public void Typed_rows_of_a_bound_batch_match_the_reflection_inputs_and_predictions_match_predict()
    {
        using var exported = CreditExport.Create(seed: 12);
        using var model = new OnnxModel(exported.Path);
        var inputs = new CreditMlpOnnxInputs(model);
        IReadOnlyList<LoanApplication> records = exported.Scored;
        using OnnxBoundBatch batch = model.Bind(records.Count);
        for (int row = 0; row < records.Count; row++)
            inputs.Write(batch, row, records[row]);

        float[] bound = batch.Run().ToArray();
        float[] reflected = model.Run(records.Count, OnnxRecordInputs.Of(model, records));
        double[] expected = exported.Trainer.Predict(records);
        Assert.Equal(reflected.Length, bound.Length);
        Assert.True(bound.Zip(reflected).Max(p => Math.Abs(p.First - p.Second)) <= 1e-6);
        Assert.True(expected.Zip(bound).Max(p => Math.Abs(p.First - Sigmoid(p.Second))) <= 1e-5);
        Assert.True(expected.Max() - expected.Min() > 1e-3, "the predictions hardly vary, so the comparison shows little");

        // Predictions applies the sigmoid the file records, as Predict does.
        Assert.Equal("sigmoid", model.FinalActivation);
        double[][] predictions = model.Predictions(bound, records.Count);
        Assert.All(predictions, row => Assert.Single(row));
        Assert.True(expected.Zip(predictions).Max(p => Math.Abs(p.First - p.Second[0])) <= 1e-5);
    }

    [Fact]
    public void Typed_inputs_of_embedded_enums_write_member_indices_the_graph_looks_up()
    {
        using var folder = new TemporaryFolder();
        var (trainer, path, scored) = OnnxRecordExportTests.ExportEmbeddedRisk(folder, seed: 13, count: 120, fitted: 80);
        using var _ = trainer;
        using var model = new OnnxModel(path);
        var inputs = new Training.EmbeddedRiskOnnxInputs(model);
        using OnnxBoundBatch one = model.Bind(1);
        double worst = scored.Max(a => Math.Abs(trainer.Predict(a) - Sigmoid(inputs.Run(one, a)[0])));
        Assert.True(worst <= 1e-5, $"the bound path with embedded enums differs from Predict by {worst:G3}");
    }

    [Fact]
    public void Typed_inputs_refuse_a_file_exported_from_another_model()
    {
        using var exported = CreditExport.Create(seed: 15);
        using var model = new OnnxModel(exported.Path);
        var error = Assert.Throws<InvalidDataException>(() => new Training.EmbeddedRiskOnnxInputs(model));
        Assert.Contains(CreditMlp.SpecHash, error.Message);
        Assert.Contains(Training.EmbeddedRisk.SpecHash, error.Message);
        Assert.Contains("The file holds ModelDsl.Models.Declarations.CreditMlp.", error.Message);
    }

    [Fact]
    public void Members_listed_in_another_order_are_refused_naming_the_field_and_both_lists()
    {
        using var exported = CreditExport.Create(seed: 16);
        using var model = new OnnxModel(exported.Path);
        model.RequireMembers("Home", "Rent", "Mortgage", "Own");
        var error = Assert.Throws<InvalidDataException>(() => model.RequireMembers("Home", "Own", "Rent", "Mortgage"));
        Assert.Contains("field 'Home'", error.Message);
        Assert.Contains("(Rent, Mortgage, Own)", error.Message);
        Assert.Contains("(Own, Rent, Mortgage)", error.Message);
    }

    [Fact]
    public void An_undeclared_enum_value_names_the_row_and_field()
    {
        using var exported = CreditExport.Create(seed: 17);
        using var model = new OnnxModel(exported.Path);
        var inputs = new CreditMlpOnnxInputs(model);
        using OnnxBoundBatch batch = model.Bind(3);
        var error = Assert.Throws<ArgumentException>(() => inputs.Write(batch, 2, exported.Scored[0] with { Home = (HomeOwnership)42 }));
        Assert.Contains("Row 2, field 'Home' holds 42", error.Message);
        // One record per Run: a three-row batch is refused rather than scoring stale rows.
        Assert.Throws<ArgumentException>(() => inputs.Run(batch, exported.Scored[0]));
    }

    [Fact]
    public void A_buffer_of_the_wrong_element_type_names_the_input()
    {
        using var exported = CreditExport.Create(seed: 18);
        using var model = new OnnxModel(exported.Path);
        using OnnxBoundBatch batch = model.Bind(1);
        var error = Assert.Throws<ArgumentException>(() => batch.Floats(model.InputIndex("Home")));
        Assert.Contains("'Home' takes int64", error.Message);
        Assert.Equal(1, batch.Integers(model.InputIndex("Home")).Length);
    }

    private static double Sigmoid(float logit) => 1 / (1 + Math.Exp(-logit));

    /// <summary>A credit-mlp with random weights and a fitted featurizer, exported with it, and records to score.</summary>
    private sealed class CreditExport : IDisposable
    {
        private readonly TemporaryFolder _folder = new();

        private CreditExport(CreditMlpTrainer trainer, IReadOnlyList<LoanApplication> scored)
        {
            Trainer = trainer;
            Scored = scored;
            Path = System.IO.Path.Combine(_folder.Path, "credit-mlp.onnx");
            trainer.Model.eval();
            trainer.Model.ExportOnnx(Path, trainer.Featurizer!);
        }

        public CreditMlpTrainer Trainer { get; }

        public IReadOnlyList<LoanApplication> Scored { get; }

        public string Path { get; }

        public static CreditExport Create(int seed)
        {
            Devices.TorchNative.EnsureLoaded();
            torch.manual_seed(seed);
            var trainer = CreditMlpTrainer.Create();
            var (applicants, _) = ApplicantGenerator.Generate(260, seed: seed + 100);
            trainer.FitFeaturizer(applicants.Take(200).ToList());
            return new CreditExport(trainer, applicants.Skip(200).ToList());
        }

        public void Dispose()
        {
            Trainer.Dispose();
            _folder.Dispose();
        }
    }
}
