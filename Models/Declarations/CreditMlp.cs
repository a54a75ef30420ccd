using ModelDsl.Models.Data;

namespace ModelDsl.Models.Declarations;

/// <summary>
/// Loan evaluation: probability of default of a <see cref="LoanApplication"/>. The generator reads the record and emits
/// <c>CreditMlpFeaturizer</c> (16 inputs: standardised numbers, the co-signer flag, one-hot home and purpose) and
/// <c>CreditMlpTrainer.Predict(LoanApplication)</c>.
/// </summary>
[Model(typeof(LoanApplication))]
[Dense(32, Activation = Activation.ReLU)]
[Dropout(0.1)]
[Dense(16, Activation = Activation.ReLU)]
[Dense(1, Activation = Activation.Sigmoid, Name = "default_logit")]
[Train(Optimizer = Optimizer.Adam, LearningRate = 3e-3, Loss = Loss.BinaryCrossEntropy, Metrics = new[] { Metric.Accuracy, Metric.RocAuc },
    BatchSize = 64, Epochs = 20, Monitor = "val_roc_auc", Patience = 5, RestoreBestWeights = true)]
public partial class CreditMlp
{
}
