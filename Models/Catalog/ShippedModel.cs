namespace ModelDsl.Models.Catalog;

/// <summary>One model the app ships: its name on the command line, its compile-time summary, and how to train, evaluate, predict and explain it.</summary>
internal abstract class ShippedModel
{
    /// <summary>The name used on the command line, e.g. <c>fashion-cnn</c>.</summary>
    public abstract string Name { get; }

    /// <summary>One line saying what the model does and on which data.</summary>
    public abstract string Description { get; }

    /// <summary>The compile-time summary table of the generated module.</summary>
    public abstract string Summary();

    /// <summary>Trains on the default data (or <see cref="TrainRequest.DataPath"/>), checkpoints, and reports test figures and a baseline.</summary>
    public abstract TrainOutcome Train(TrainRequest request, TextWriter log);

    /// <summary>Loads a checkpoint and reports metrics on the test split.</summary>
    public abstract EvaluateOutcome Evaluate(EvaluateRequest request, TextWriter log);

    /// <summary>Loads a checkpoint and prints predictions for the examples in an input file.</summary>
    public abstract void Predict(PredictRequest request, TextWriter output);

    /// <summary>Loads a checkpoint and explains predictions; writes PNG charts into the output folder.</summary>
    public abstract ExplainOutcome Explain(ExplainRequest request, TextWriter output);
}
