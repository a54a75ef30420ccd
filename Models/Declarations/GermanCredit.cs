using ModelDsl.Models.Data;

namespace ModelDsl.Models.Declarations;

/// <summary>
/// Bad credit of a UCI German Credit applicant, from all 20 attributes (<see cref="GermanCreditApplicant"/>): 7
/// standardised numbers and 13 coded categories one-hot. Bad credits are 30 % of rows, so the positive class is weighted
/// by 2.33 (good ÷ bad). Small and regularised: 700 training rows.
/// </summary>
[Model(typeof(GermanCreditApplicant))]
[Dense(16, Activation = Activation.ReLU)]
[Dropout(0.3)]
[Dense(1, Activation = Activation.Sigmoid, Name = "bad_logit")]
[Train(Optimizer = Optimizer.AdamW, LearningRate = 3e-3, WeightDecay = 1e-2, Loss = Loss.BinaryCrossEntropy, ClassWeights = new[] { 2.33 },
    Metrics = new[] { Metric.Accuracy, Metric.RocAuc }, BatchSize = 32, Epochs = 60, Monitor = "val_roc_auc", Patience = 10, RestoreBestWeights = true)]
public partial class GermanCredit
{
}
