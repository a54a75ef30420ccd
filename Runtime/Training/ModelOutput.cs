namespace ModelDsl.Training;

/// <summary>The task of a model's output and its width.</summary>
/// <param name="Task">What the output predicts.</param>
/// <param name="Units">Classes for <see cref="ModelTask.MultiClass"/>, 1 for <see cref="ModelTask.Binary"/>, outputs for regression.</param>
public sealed record ModelOutput(ModelTask Task, int Units);
