using ModelDsl.Models.Data;

namespace ModelDsl.Models.Declarations;

/// <summary>
/// Loan default from a <see cref="LoanApplication"/> record and the applicant's statement of purpose: the record through a
/// dense layer, the statement's GPT-2 token ids through an embedding averaged over the sequence, concatenated before the
/// head. The generator emits <c>CreditTextTrainer.Predict(LoanApplication applicant, string statement)</c>.
/// </summary>
[Model]
[Input("applicant", typeof(LoanApplication))]
[Input("statement", CreditTextData.TokenLength, Vocabulary = CreditTextData.VocabularySize, PaddingId = CreditTextData.PaddingId)]
[Dense(32, From = "applicant", Activation = Activation.ReLU, Name = "record_features")]
[Embedding(CreditTextData.VocabularySize, 16, From = "statement", Name = "words")]
[SequencePool(Name = "statement_features")]
[Concatenate(Inputs = new[] { "record_features", "statement_features" }, Name = "both")]
[Dense(16, Activation = Activation.ReLU, Name = "combined")]
[Dropout(0.1)]
[Dense(1, Activation = Activation.Sigmoid, Name = "default_logit")]
[Train(Optimizer = Optimizer.Adam, LearningRate = 3e-3, Loss = Loss.BinaryCrossEntropy, Metrics = new[] { Metric.Accuracy, Metric.RocAuc },
    BatchSize = 64, Epochs = 20, Monitor = "val_roc_auc", Patience = 5, RestoreBestWeights = true)]
public partial class CreditText
{
}

/// <summary><see cref="CreditText"/>'s record branch alone: the comparison that shows what the statement adds.</summary>
[Model(typeof(LoanApplication))]
[Dense(32, Activation = Activation.ReLU, Name = "record_features")]
[Dense(16, Activation = Activation.ReLU, Name = "combined")]
[Dropout(0.1)]
[Dense(1, Activation = Activation.Sigmoid, Name = "default_logit")]
[Train(Optimizer = Optimizer.Adam, LearningRate = 3e-3, Loss = Loss.BinaryCrossEntropy, Metrics = new[] { Metric.Accuracy, Metric.RocAuc },
    BatchSize = 64, Epochs = 20, Monitor = "val_roc_auc", Patience = 5, RestoreBestWeights = true)]
public partial class CreditTextRecordOnly
{
}

/// <summary><see cref="CreditText"/>'s statement branch alone: the comparison that shows what the record adds.</summary>
[Model]
[Input("statement", CreditTextData.TokenLength, Vocabulary = CreditTextData.VocabularySize, PaddingId = CreditTextData.PaddingId)]
[Embedding(CreditTextData.VocabularySize, 16, Name = "words")]
[SequencePool(Name = "statement_features")]
[Dense(16, Activation = Activation.ReLU, Name = "combined")]
[Dropout(0.1)]
[Dense(1, Activation = Activation.Sigmoid, Name = "default_logit")]
[Train(Optimizer = Optimizer.Adam, LearningRate = 3e-3, Loss = Loss.BinaryCrossEntropy, Metrics = new[] { Metric.Accuracy, Metric.RocAuc },
    BatchSize = 64, Epochs = 20, Monitor = "val_roc_auc", Patience = 5, RestoreBestWeights = true)]
public partial class CreditTextWordsOnly
{
}
