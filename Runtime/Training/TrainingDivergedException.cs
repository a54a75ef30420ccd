namespace ModelDsl.Training;

/// <summary>The loss became NaN or infinite; training stopped.</summary>
public sealed class TrainingDivergedException(int epoch, long step, double learningRate)
    : Exception($"The loss became NaN or infinite at epoch {epoch}, step {step} (learning rate {LearningRateText.Format(learningRate)}). " +
                "Lower the learning rate (e.g. --lr), add gradient clipping, or check the input data for extreme values.")
{
    /// <summary>1-based epoch in which the loss diverged.</summary>
    public int Epoch { get; } = epoch;

    /// <summary>1-based step within that epoch.</summary>
    public long Step { get; } = step;
}
