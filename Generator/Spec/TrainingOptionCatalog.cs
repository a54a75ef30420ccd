using System.Collections.Immutable;
using System.Linq;
using ModelDsl.Generator.Layers;

namespace ModelDsl.Generator.Spec
{
    /// <summary>
    /// The one definition of the training options both front ends accept (<c>[Train(...)]</c> named arguments and the YAML
    /// <c>training:</c> keys) and the emitter writes into <c>TrainingOptions</c>. Mirrors <c>ModelDsl.Training.TrainingOptions</c>.
    /// </summary>
    internal static class TrainingOptionCatalog
    {
        /// <summary>One option: its definition (snake_case name, kind, default) and the C# property it sets.</summary>
        internal sealed record Option(ParameterDefinition Definition, string Property, string? EnumType = null);

        public static ImmutableArray<Option> All { get; } = ImmutableArray.Create(
            Choice("optimizer", "Optimizer", "Optimizer", "adam", "Optimizer.", "adam", "adamw", "sgd", "rmsprop"),
            Number("learning_rate", "LearningRate", 1e-3, "Learning rate (peak for one-cycle)."),
            Number("weight_decay", "WeightDecay", 0, "L2 penalty (decoupled for adamw)."),
            Flag("decay_bias_and_norm", "DecayBiasAndNorm", false, "With adamw, decay biases and normalisation weights too (default: only weights of 2 or more dimensions)."),
            Number("momentum", "Momentum", 0, "SGD momentum."),
            Flag("nesterov", "Nesterov", false, "Nesterov momentum for SGD."),
            Choice("loss", "Loss", "Loss", "auto", "Loss; auto picks from the output layer.", "auto", "cross_entropy", "binary_cross_entropy", "mse", "mae", "huber"),
            new Option(new ParameterDefinition("class_weights", ArgumentKind.NumberList, null, "Per-class loss weights (one positive-class weight for binary).") { Optional = true }, "ClassWeights"),
            new Option(new ParameterDefinition("metrics", ArgumentKind.TextList, ArgumentValue.OfTexts(EquatableArray<string>.Empty),
                "Metrics computed each epoch.", new[] { "accuracy", "precision", "recall", "f1", "roc_auc", "mae", "rmse" }.ToEquatableArray()), "Metrics", "Metric"),
            Integer("batch_size", "BatchSize", 32, "Examples per batch.", ParameterDefinition.MaxSize),
            Integer("epochs", "Epochs", 10, "Passes over the training data.", MaxEpochs),
            Number("validation_split", "ValidationSplit", 0, "Fraction held out for validation when none is given, in [0, 1)."),
            Choice("schedule", "Schedule", "LearningRateSchedule", "none", "Learning-rate schedule.", "none", "step", "cosine", "one_cycle", "reduce_on_plateau",
                "warmup_linear", "warmup_cosine"),
            Integer("step_size", "StepSize", 10, "Epochs between decays (step schedule)."),
            Number("gamma", "Gamma", 0.1, "Decay factor (step and plateau schedules)."),
            Integer("schedule_patience", "SchedulePatience", 2, "Epochs without improvement before a plateau decay."),
            Integer("warmup_steps", "WarmupSteps", 0, "Optimizer steps of linear warm-up (warmup_ schedules; 0 = use warmup_ratio)."),
            Number("warmup_ratio", "WarmupRatio", 0, "Fraction of all optimizer steps spent warming up, in [0, 1) (warmup_ schedules)."),
            Integer("accumulate_steps", "AccumulateSteps", 1, "Batches whose gradients are accumulated before each optimizer step."),
            new Option(new ParameterDefinition("freeze", ArgumentKind.TextList, ArgumentValue.OfTexts(EquatableArray<string>.Empty),
                "Parameter name prefixes to leave untrained (e.g. encoder.embeddings)."), "Freeze"),
            new Option(new ParameterDefinition("monitor", ArgumentKind.Text, ArgumentValue.OfText("val_loss"), "Value watched by early stopping, plateau schedules and best checkpoints."), "Monitor"),
            Integer("patience", "Patience", 0, "Epochs without improvement before stopping early (0 = never)."),
            Number("min_delta", "MinDelta", 0, "Smallest change that counts as an improvement."),
            Flag("restore_best_weights", "RestoreBestWeights", false, "Restore the best epoch's weights when stopping early."),
            Number("gradient_clip_norm", "GradientClipNorm", 0, "Clip the global gradient norm (0 = off)."),
            Integer("seed", "Seed", 42, "Seed for initialisation, shuffling and dropout."),
            new Option(new ParameterDefinition("device", ArgumentKind.Text, ArgumentValue.OfText("auto"), "auto, cpu, cuda or cuda:N."), "Device"),
            Integer("log_every_steps", "LogEverySteps", 0, "Log every N steps (0 = once per epoch)."));

        public static ImmutableArray<ParameterDefinition> Definitions { get; } = All.Select(o => o.Definition).ToImmutableArray();

        /// <summary>The C# enum member for a canonical snake_case value: <c>roc_auc</c> → <c>RocAuc</c>, <c>adamw</c> → <c>AdamW</c>.</summary>
        public static string EnumMember(string value) => value switch
        {
            "adamw" => "AdamW",
            "rmsprop" => "RmsProp",
            _ => string.Concat(value.Split('_').Select(part => char.ToUpperInvariant(part[0]) + part.Substring(1))),
        };

        private static Option Choice(string name, string property, string enumType, string value, string description, params string[] allowed) =>
            new(ParameterDefinition.Choice(name, value, description, allowed), property, enumType);

        private static Option Number(string name, string property, double value, string description) =>
            new(ParameterDefinition.Number(name, value, description), property);

        private static Option Integer(string name, string property, long value, string description, long maximum = int.MaxValue) =>
            new(ParameterDefinition.Integer(name, value, description) with { Maximum = maximum }, property);

        /// <summary>Largest epoch count: far above any real run, small enough that epoch numbers format as 7 digits.</summary>
        public const long MaxEpochs = 1_000_000;

        private static Option Flag(string name, string property, bool value, string description) =>
            new(ParameterDefinition.Boolean(name, value, description), property);
    }
}
