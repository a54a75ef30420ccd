namespace ModelDsl.Training;

/// <summary>
/// Everything that controls a training run. The generator emits a model's declared options (from <c>[Train]</c> or the
/// YAML <c>training:</c> section) as <c>XxxTrainer.DefaultOptions</c>; callers override any of them with <c>with</c>.
/// </summary>
public sealed record TrainingOptions
{
    /// <summary>The optimizer.</summary>
    public Optimizer Optimizer { get; init; } = Optimizer.Adam;
    /// <summary>The (peak) learning rate.</summary>
    public double LearningRate { get; init; } = 1e-3;
    /// <summary>L2 penalty (decoupled for AdamW).</summary>
    public double WeightDecay { get; init; }
    /// <summary>
    /// With AdamW, also decay biases and normalisation weights (every parameter of fewer than two dimensions). False, the
    /// default, is the Hugging Face fine-tuning recipe: only weight matrices, kernels and embeddings decay. The other
    /// optimizers apply their L2 penalty to every parameter either way.
    /// </summary>
    public bool DecayBiasAndNorm { get; init; }
    /// <summary>SGD momentum.</summary>
    public double Momentum { get; init; }
    /// <summary>Nesterov momentum for SGD.</summary>
    public bool Nesterov { get; init; }
    /// <summary>The loss; <see cref="ModelDsl.Loss.Auto"/> picks from the output layer.</summary>
    public Loss Loss { get; init; } = Loss.Auto;
    /// <summary>Per-class weights for cross-entropy (length = classes), or for binary cross-entropy the positive-class weight (length 1).</summary>
    public IReadOnlyList<double>? ClassWeights { get; init; }
    /// <summary>Metrics computed every epoch, in addition to the loss.</summary>
    public IReadOnlyList<Metric> Metrics { get; init; } = [];
    /// <summary>Examples per batch.</summary>
    public int BatchSize { get; init; } = 32;
    /// <summary>Passes over the training data.</summary>
    public int Epochs { get; init; } = 10;
    /// <summary>Fraction of the training data held out for validation when no validation set is given (0 = none).</summary>
    public double ValidationSplit { get; init; }
    /// <summary>Learning-rate schedule.</summary>
    public LearningRateSchedule Schedule { get; init; } = LearningRateSchedule.None;
    /// <summary>Epochs between decays for <see cref="LearningRateSchedule.Step"/>.</summary>
    public int StepSize { get; init; } = 10;
    /// <summary>Decay factor for <see cref="LearningRateSchedule.Step"/> and <see cref="LearningRateSchedule.ReduceOnPlateau"/>.</summary>
    public double Gamma { get; init; } = 0.1;
    /// <summary>Epochs without improvement before <see cref="LearningRateSchedule.ReduceOnPlateau"/> decays.</summary>
    public int SchedulePatience { get; init; } = 2;
    /// <summary>Optimizer steps of linear warm-up for the warm-up schedules; 0 = take <see cref="WarmupRatio"/> of all steps.</summary>
    public int WarmupSteps { get; init; }
    /// <summary>The fraction of all optimizer steps spent warming up, in [0, 1), when <see cref="WarmupSteps"/> is 0.</summary>
    public double WarmupRatio { get; init; }
    /// <summary>
    /// Batches whose gradients are summed before each optimizer step (gradient accumulation): the effective batch is
    /// <see cref="BatchSize"/> × this. Each batch's loss is divided by the number of batches in its group, so a group's
    /// gradient is the mean of its batches'; the last group of an epoch may be shorter and still steps.
    /// </summary>
    public int AccumulateSteps { get; init; } = 1;
    /// <summary>
    /// Parameters to leave untrained, by dotted name prefix matched on whole segments: <c>encoder.embeddings</c> freezes
    /// every parameter under that module, <c>encoder.encoder.layer.0</c> the first encoder layer (not layer 10). Matched
    /// parameters get <c>requires_grad = false</c> and stay out of the optimizer; a prefix that matches nothing is an error.
    /// </summary>
    public IReadOnlyList<string> Freeze { get; init; } = [];
    /// <summary>
    /// The value early stopping, plateau schedules and best-checkpoint selection watch, e.g. <c>val_loss</c> or <c>val_accuracy</c>:
    /// <c>loss</c>, <c>accuracy</c> (when declared), <c>val_loss</c> or <c>val_</c> and a declared metric's name. Without
    /// validation data a <c>val_</c> name watches the training value of the same name when one is recorded, otherwise the loss.
    /// </summary>
    public string Monitor { get; init; } = "val_loss";
    /// <summary>Stop after this many epochs without improvement of <see cref="Monitor"/> (0 = never stop early).</summary>
    public int Patience { get; init; }
    /// <summary>The smallest change of <see cref="Monitor"/> that counts as an improvement.</summary>
    public double MinDelta { get; init; }
    /// <summary>At the end of <c>Fit</c> (early stop or last epoch), put back the weights of the epoch with the best <see cref="Monitor"/> value.</summary>
    public bool RestoreBestWeights { get; init; }
    /// <summary>Clip the global gradient norm to this value (0 = no clipping).</summary>
    public double GradientClipNorm { get; init; }
    /// <summary>Seed for initialisation, shuffling and dropout.</summary>
    public int Seed { get; init; } = 42;
    /// <summary><c>auto</c>, <c>cpu</c>, <c>cuda</c> or <c>cuda:N</c>.</summary>
    public string Device { get; init; } = "auto";
    /// <summary>Log (and host-sync) every this many steps; 0 = once per epoch only.</summary>
    public int LogEverySteps { get; init; }
}
