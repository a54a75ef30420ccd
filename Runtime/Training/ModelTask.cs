namespace ModelDsl.Training;

/// <summary>What a model's output predicts, decided at compile time from its output layer and loss.</summary>
public enum ModelTask
{
    /// <summary>One of several classes: logits over classes, targets are class indices.</summary>
    MultiClass,
    /// <summary>Yes/no: one logit, targets are 0/1.</summary>
    Binary,
    /// <summary>Real values.</summary>
    Regression,
}
