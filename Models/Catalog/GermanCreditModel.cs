using ModelDsl.Checkpoints;
using ModelDsl.Data;
using ModelDsl.Explain;
using ModelDsl.Models.Data;
using ModelDsl.Models.Declarations;
using ModelDsl.Training;

namespace ModelDsl.Models.Catalog;

/// <summary><c>german-credit</c>: MLP predicting bad credit of a UCI German Credit applicant from all 20 attributes (--data german-credit.csv).</summary>
internal sealed class GermanCreditModel : CsvClassifierModel<GermanCreditApplicant, GermanCredit, GermanCreditTrainer>
{
    public override string Name => "german-credit";

    public override string Description => "MLP predicting bad credit of a UCI German Credit applicant from all 20 attributes (--data german-credit.csv).";

    public override string Summary() => GermanCredit.Summary();

    protected override string PositiveClass => "bad";

    protected override string DataHint => "german-credit.csv (UCI Statlog German Credit, 20 attributes and CLASSIFICATION)";

    protected override TrainingOptions DeclaredOptions => GermanCreditTrainer.DefaultOptions;

    protected override IReadOnlyList<FeatureGroup> Groups => GermanCreditFeaturizer.PropertyGroups;

    protected override GermanCreditTrainer Create(TrainingOptions options) => GermanCreditTrainer.Create(options);

    /// <remarks>CLASSIFICATION is 1 for good credit, so the target is 1 − CLASSIFICATION.</remarks>
    protected override CsvRecords<GermanCreditApplicant, float> ReadLabelled(string path)
    {
        CsvRecords<GermanCreditApplicant, float> data = GermanCreditCsvReader.Read(path, "CLASSIFICATION");
        return new CsvRecords<GermanCreditApplicant, float>(path, data.Records, data.Targets.Select(t => 1 - t).ToList(), data.Lines);
    }

    protected override IReadOnlyList<GermanCreditApplicant> ReadRecords(string path) => GermanCreditCsvReader.Read(path).Records;

    protected override void FitFeaturizer(GermanCreditTrainer trainer, IReadOnlyList<GermanCreditApplicant> training) => trainer.FitFeaturizer(training);

    protected override void LoadFeaturizer(GermanCreditTrainer trainer, CheckpointInfo checkpoint) => trainer.LoadFeaturizer(checkpoint);

    protected override InMemoryDataset ToDataset(GermanCreditTrainer trainer, IReadOnlyList<GermanCreditApplicant> records, IReadOnlyList<float> targets) =>
        trainer.ToDataset(records, targets);

    protected override double[] Predict(GermanCreditTrainer trainer, IReadOnlyList<GermanCreditApplicant> records) => trainer.Predict(records);

    protected override (TorchSharp.torch.nn.Module Module, string SpecHash) NewModule() => (new GermanCredit(), GermanCredit.SpecHash);
}
