namespace ModelDsl;

/// <summary>The optimizer a model trains with.</summary>
public enum Optimizer
{
    /// <summary>Adam (Kingma &amp; Ba); weight decay added to the gradient as L2.</summary>
    Adam,
    /// <summary>AdamW: Adam with decoupled weight decay.</summary>
    AdamW,
    /// <summary>Stochastic gradient descent, optionally with momentum and Nesterov.</summary>
    Sgd,
    /// <summary>RMSprop.</summary>
    RmsProp,
}

/// <summary>The training loss. Classification losses take logits; the generated module never applies a final softmax/sigmoid while training.</summary>
public enum Loss
{
    /// <summary>Chosen from the output: cross-entropy for several classes, binary cross-entropy for one sigmoid unit, otherwise MSE.</summary>
    Auto,
    /// <summary>Softmax cross-entropy on logits; targets are class indices.</summary>
    CrossEntropy,
    /// <summary>Sigmoid binary cross-entropy on logits; targets are 0/1.</summary>
    BinaryCrossEntropy,
    /// <summary>Mean squared error.</summary>
    Mse,
    /// <summary>Mean absolute error.</summary>
    Mae,
    /// <summary>Huber (smooth L1 with delta 1).</summary>
    Huber,
}

/// <summary>A metric computed on training and validation data each epoch.</summary>
public enum Metric
{
    /// <summary>Fraction of correct class predictions.</summary>
    Accuracy,
    /// <summary>Precision (macro-averaged over classes; positive class for binary).</summary>
    Precision,
    /// <summary>Recall (macro-averaged over classes; positive class for binary).</summary>
    Recall,
    /// <summary>F1 score (macro-averaged over classes; positive class for binary).</summary>
    F1,
    /// <summary>Area under the ROC curve (binary, or one-vs-rest macro average).</summary>
    RocAuc,
    /// <summary>Mean absolute error.</summary>
    Mae,
    /// <summary>Root mean squared error.</summary>
    Rmse,
}

/// <summary>How the learning rate changes during training.</summary>
public enum LearningRateSchedule
{
    /// <summary>Constant learning rate.</summary>
    None,
    /// <summary>Multiply by <c>Gamma</c> every <c>StepSize</c> epochs.</summary>
    Step,
    /// <summary>Cosine annealing to zero over all epochs.</summary>
    Cosine,
    /// <summary>One-cycle: warm up to the learning rate, then anneal (per batch).</summary>
    OneCycle,
    /// <summary>Multiply by <c>Gamma</c> when the monitored value stops improving for <c>SchedulePatience</c> epochs.</summary>
    ReduceOnPlateau,
    /// <summary>
    /// Per optimizer step: a linear warm-up from 0 to the learning rate over the warm-up steps, then a linear decay to 0 at
    /// the last step (Hugging Face's <c>get_linear_schedule_with_warmup</c>).
    /// </summary>
    WarmupLinear,
    /// <summary>
    /// Per optimizer step: a linear warm-up from 0 to the learning rate over the warm-up steps, then half a cosine down to 0
    /// at the last step (Hugging Face's <c>get_cosine_schedule_with_warmup</c>).
    /// </summary>
    WarmupCosine,
}
