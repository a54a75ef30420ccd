using System.Collections.Generic;
using ModelDsl.Generator.Analysis;

namespace ModelDsl.Generator.Emit.TorchSharp
{
    /// <summary>Writes Fit, Evaluate and Predict over typed examples (see <see cref="TypedExamples"/>).</summary>
    internal static class TypedExampleMembers
    {
        private const string Training = "global::ModelDsl.Training.";

        /// <summary>The type of the targets parameter for the model's task, and what the docs call them.</summary>
        public static (string Type, string Word) Targets(CheckedModel model) => model.Task switch
        {
            ModelTask.MultiClass => ("global::System.Collections.Generic.IReadOnlyList<long>", "class indices"),
            ModelTask.Binary => ("global::System.Collections.Generic.IReadOnlyList<float>", "0/1 targets"),
            _ => ("global::System.Collections.Generic.IReadOnlyList<float>", "target values"),
        };

        public static void Emit(CodeWriter w, CheckedModel model, TypedExamples examples)
        {
            (string targets, string targetWord) = Targets(model);
            w.Line("/// <summary>");
            w.Line($"/// Trains on {examples.Subject} and their {targetWord}{examples.FeaturizerNote}.");
            w.Line($"/// Without {examples.ValidationWord}, the options' validation split is used.");
            w.Line("/// </summary>");
            w.Line($"public {Training}TrainingHistory Fit(");
            w.Line($"    {examples.TrainParameters}, {targets} trainTargets,");
            w.Line($"    {examples.ValidationParameters}, {targets}? validationTargets = null,");
            using (w.Block($"    {Training}TrainingOptions? options = null)"))
            {
                w.Line($"if ({examples.ValidationMissing} != validationTargets is null)");
                w.Line($"    throw new global::System.ArgumentException({Literals.String(examples.ValidationMismatch)}, nameof(validationTargets));");
                if (examples.FitFeaturizer is not null)
                    w.Line(examples.FitFeaturizer);
                w.Line($"using global::ModelDsl.Data.InMemoryDataset trainData = ToDataset({examples.TrainArguments}, trainTargets);");
                w.Line($"using global::ModelDsl.Data.InMemoryDataset? validationData = validationTargets is null ? null : ToDataset({examples.ValidationArguments}, validationTargets);");
                w.Line("return Fit(trainData, validationData, options);");
            }
            w.Line();
            w.Line($"/// <summary>The options' metrics and loss on {examples.Subject} and their {targetWord}.</summary>");
            w.Line($"public {Training}EvaluationResult Evaluate(");
            using (w.Block($"    {examples.Parameters}, {targets} targets, {Training}TrainingOptions? options = null)"))
            {
                w.Line($"using global::ModelDsl.Data.InMemoryDataset data = ToDataset({examples.Arguments}, targets);");
                w.Line("return Evaluate(data, options);");
            }
            w.Line();

            (string units, bool scalar, string what, string one) = TrainerEmitter.Prediction(model);
            w.Line($"/// <summary>Predicts {what} {examples.OneDoc}.</summary>");
            w.Line($"public {one} Predict({examples.OneParameters}) => Predict({examples.OneAsMany})[0];");
            w.Line();
            w.Line($"/// <summary>Predicts {what} {examples.ManyDoc}, in order.</summary>");
            using (w.Block($"public {one}[] Predict({examples.Parameters})"))
            {
                w.Line("using var scope = global::TorchSharp.torch.NewDisposeScope();");
                foreach (string line in examples.PredictLines)
                    w.Line(line);
                w.Line(scalar
                    ? "return global::System.Array.ConvertAll(values, value => (double)value);"
                    : $"return global::System.Linq.Enumerable.ToArray(global::System.Linq.Enumerable.Chunk(values, {units}));");
            }
        }
    }
}
