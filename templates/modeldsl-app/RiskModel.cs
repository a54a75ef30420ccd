using ModelDsl;

namespace ModelDslApp;

/// <summary>Scores a 6-feature application as risky (1) or not (0). Declared once; the generator writes the module and its trainer.</summary>
[Model(6)]
[Dense(16, Activation = Activation.ReLU)]
[Dense(1, Activation = Activation.Sigmoid)]
[Train(Loss = Loss.BinaryCrossEntropy, LearningRate = 0.01, BatchSize = 32, Epochs = 5, Metrics = new[] { Metric.Accuracy, Metric.RocAuc })]
public partial class RiskModel
{
}
