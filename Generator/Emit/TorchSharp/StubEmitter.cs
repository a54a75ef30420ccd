using ModelDsl.Generator.Analysis;

namespace ModelDsl.Generator.Emit.TorchSharp
{
    /// <summary>
    /// Writes the stand-in for a model that has ModelDsl errors: the module and trainer with their usual members, each
    /// throwing at run time. Code that uses the model still compiles, so the user sees only the ModelDsl errors (as the
    /// Regex generator does for an invalid pattern) instead of a CS0103 for every use of the missing types.
    /// </summary>
    internal static class StubEmitter
    {
        private const string Tensor = "global::TorchSharp.torch.Tensor";
        private const string Training = "global::ModelDsl.Training.";

        public static string Emit(CheckedModel model)
        {
            CodeWriter w = CodeWriter.GeneratedFile(model.NamespaceName);
            string type = model.TypeName, trainer = model.ClassName + "Trainer";
            string failure = "new global::System.InvalidOperationException(" +
                Literals.String($"Model '{model.ClassName}' has ModelDsl errors (see the build output); fix them and rebuild.") + ")";

            w.Line($"/// <summary>Stand-in for model '{model.ClassName}', which has ModelDsl errors; every member throws.</summary>");
            using (w.Block($"{model.Accessibility} partial class {type} : global::TorchSharp.torch.nn.Module<{Tensor}, {Tensor}>"))
            {
                w.Line("/// <summary>Unknown until the model's errors are fixed.</summary>");
                w.Line("public static global::System.Collections.Generic.IReadOnlyList<long> InputShape => throw Failure();");
                w.Line("/// <summary>Unknown until the model's errors are fixed.</summary>");
                w.Line("public static global::System.Collections.Generic.IReadOnlyList<long> OutputShape => throw Failure();");
                w.Line("/// <summary>0 until the model's errors are fixed.</summary>");
                w.Line("public const long ParameterCount = 0L;");
                w.Line("/// <summary>Empty until the model's errors are fixed.</summary>");
                w.Line("public const string SpecHash = \"\";");
                w.Line("/// <summary>Empty until the model's errors are fixed.</summary>");
                w.Line("public const string FinalActivation = \"\";");
                w.Line();
                w.Line("/// <summary>Throws: the model has ModelDsl errors.</summary>");
                w.Line($"public {type}(global::TorchSharp.torch.Device? device = null) : base(nameof({type})) => throw Failure();");
                w.Line("/// <summary>Throws: the model has ModelDsl errors.</summary>");
                w.Line($"public override {Tensor} forward({Tensor} input) => throw Failure();");
                w.Line("/// <summary>Throws: the model has ModelDsl errors.</summary>");
                w.Line($"public {Tensor} Probabilities({Tensor} input) => throw Failure();");
                w.Line("/// <summary>Throws: the model has ModelDsl errors.</summary>");
                w.Line("public static string Summary() => throw Failure();");
                w.Line($"internal static global::System.Exception Failure() => {failure};");
            }
            w.Line();

            w.Line($"/// <summary>Stand-in for the trainer of model '{model.ClassName}', which has ModelDsl errors; every member throws.</summary>");
            using (w.Block($"{model.Accessibility} sealed partial class {trainer} : {Training}ModelTrainer<{type}>"))
            {
                w.Line("/// <summary>Throws: the model has ModelDsl errors.</summary>");
                w.Line($"public static {Training}TrainingOptions DefaultOptions => throw {type}.Failure();");
                w.Line("/// <summary>Throws: the model has ModelDsl errors.</summary>");
                w.Line($"public static {Training}ModelOutput DeclaredOutput => throw {type}.Failure();");
                w.Line("/// <summary>Throws: the model has ModelDsl errors.</summary>");
                w.Line($"public {trainer}({type} model, {Training}TrainingOptions? options = null)");
                w.Line($"    : base(model, options ?? new {Training}TrainingOptions(), new {Training}ModelOutput({Training}ModelTask.Regression, 1), new long[] {{ 1 }}, \"\") => throw {type}.Failure();");
                w.Line("/// <summary>Throws: the model has ModelDsl errors.</summary>");
                w.Line($"public static {trainer} Create({Training}TrainingOptions? options = null) => throw {type}.Failure();");
            }
            return w.EndFile();
        }
    }
}
