using ModelDsl.Checkpoints;
using ModelDsl.Data;
using ModelDsl.Explain;
using ModelDsl.Models.Data;
using ModelDsl.Models.Declarations;
using ModelDsl.Training;

namespace ModelDsl.Models.Catalog;

/// <summary><c>credit-default</c>: MLP predicting next-month default of a credit card client from all 23 UCI columns (--data UCI_Credit_Card.csv).</summary>
internal sealed class CreditDefaultModel : CsvClassifierModel<CreditCardClient, CreditDefault, CreditDefaultTrainer>
{
    public override string Name => "credit-default";

    public override string Description => "MLP predicting next-month default of a credit card client from all 23 UCI columns (--data UCI_Credit_Card.csv).";

    public override string Summary() => CreditDefault.Summary();

    protected override string PositiveClass => "default";

    protected override string DataHint => "UCI_Credit_Card.csv (UCI default of credit card clients, 23 columns and 'target')";

    protected override TrainingOptions DeclaredOptions => CreditDefaultTrainer.DefaultOptions;

    protected override IReadOnlyList<FeatureGroup> Groups => CreditDefaultFeaturizer.PropertyGroups;

    protected override IReadOnlyList<FeatureGroup> AttributionGroups => CreditDefaultFeaturizer.EmbeddedPropertyGroups;

    protected override IReadOnlyList<EmbeddedIndexColumn> EmbeddedColumns => CreditDefaultFeaturizer.EmbeddedIndexColumns;

    protected override CreditDefaultTrainer Create(TrainingOptions options) => CreditDefaultTrainer.Create(options);

    /// <remarks>1 = default; the column has other names in the Kaggle and UCI copies.</remarks>
    protected override CsvRecords<CreditCardClient, float> ReadLabelled(string path) =>
        CreditDefaultCsvReader.Read(path, "target", "default.payment.next.month", "default payment next month");

    protected override IReadOnlyList<CreditCardClient> ReadRecords(string path) => CreditDefaultCsvReader.Read(path).Records;

    protected override void FitFeaturizer(CreditDefaultTrainer trainer, IReadOnlyList<CreditCardClient> training) => trainer.FitFeaturizer(training);

    protected override void LoadFeaturizer(CreditDefaultTrainer trainer, CheckpointInfo checkpoint) => trainer.LoadFeaturizer(checkpoint);

    protected override InMemoryDataset ToDataset(CreditDefaultTrainer trainer, IReadOnlyList<CreditCardClient> records, IReadOnlyList<float> targets) =>
        trainer.ToDataset(records, targets);

    protected override double[] Predict(CreditDefaultTrainer trainer, IReadOnlyList<CreditCardClient> records) => trainer.Predict(records);

    protected override (TorchSharp.torch.nn.Module Module, string SpecHash) NewModule() => (new CreditDefault(), CreditDefault.SpecHash);
}
