using ModelDsl.Training;

namespace ModelDsl;

/// <summary>
/// The model's declared training options; the generator checks them against the output layer and emits them as
/// <c>XxxTrainer.DefaultOptions</c>. Every option can be overridden at run time with <see cref="TrainingOptions"/>.
/// Unset options take the defaults of <see cref="TrainingOptions"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class TrainAttribute : Attribute
{
    /// <inheritdoc cref="TrainingOptions.Optimizer"/>
    public Optimizer Optimizer { get; set; }

    /// <inheritdoc cref="TrainingOptions.LearningRate"/>
    public double LearningRate { get; set; } = 1e-3;

    /// <inheritdoc cref="TrainingOptions.WeightDecay"/>
    public double WeightDecay { get; set; }

    /// <inheritdoc cref="TrainingOptions.DecayBiasAndNorm"/>
    public bool DecayBiasAndNorm { get; set; }

    /// <inheritdoc cref="TrainingOptions.Momentum"/>
    public double Momentum { get; set; }

    /// <inheritdoc cref="TrainingOptions.Nesterov"/>
    public bool Nesterov { get; set; }

    /// <inheritdoc cref="TrainingOptions.Loss"/>
    public Loss Loss { get; set; }

    /// <inheritdoc cref="TrainingOptions.ClassWeights"/>
    public double[]? ClassWeights { get; set; }

    /// <inheritdoc cref="TrainingOptions.Metrics"/>
    public Metric[]? Metrics { get; set; }

    /// <inheritdoc cref="TrainingOptions.BatchSize"/>
    public int BatchSize { get; set; } = 32;

    /// <inheritdoc cref="TrainingOptions.Epochs"/>
    public int Epochs { get; set; } = 10;

    /// <inheritdoc cref="TrainingOptions.ValidationSplit"/>
    public double ValidationSplit { get; set; }

    /// <inheritdoc cref="TrainingOptions.Schedule"/>
    public LearningRateSchedule Schedule { get; set; }

    /// <inheritdoc cref="TrainingOptions.StepSize"/>
    public int StepSize { get; set; } = 10;

    /// <inheritdoc cref="TrainingOptions.Gamma"/>
    public double Gamma { get; set; } = 0.1;

    /// <inheritdoc cref="TrainingOptions.SchedulePatience"/>
    public int SchedulePatience { get; set; } = 2;

    /// <inheritdoc cref="TrainingOptions.WarmupSteps"/>
    public int WarmupSteps { get; set; }

    /// <inheritdoc cref="TrainingOptions.WarmupRatio"/>
    public double WarmupRatio { get; set; }

    /// <inheritdoc cref="TrainingOptions.AccumulateSteps"/>
    public int AccumulateSteps { get; set; } = 1;

    /// <inheritdoc cref="TrainingOptions.Freeze"/>
    public string[]? Freeze { get; set; }

    /// <inheritdoc cref="TrainingOptions.Monitor"/>
    public string Monitor { get; set; } = "val_loss";

    /// <inheritdoc cref="TrainingOptions.Patience"/>
    public int Patience { get; set; }

    /// <inheritdoc cref="TrainingOptions.MinDelta"/>
    public double MinDelta { get; set; }

    /// <inheritdoc cref="TrainingOptions.RestoreBestWeights"/>
    public bool RestoreBestWeights { get; set; }

    /// <inheritdoc cref="TrainingOptions.GradientClipNorm"/>
    public double GradientClipNorm { get; set; }

    /// <inheritdoc cref="TrainingOptions.Seed"/>
    public int Seed { get; set; } = 42;

    /// <inheritdoc cref="TrainingOptions.Device"/>
    public string Device { get; set; } = "auto";

    /// <inheritdoc cref="TrainingOptions.LogEverySteps"/>
    public int LogEverySteps { get; set; }
}
