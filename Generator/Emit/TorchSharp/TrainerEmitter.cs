using System.Globalization;
using System.Linq;
using System.Text;
using ModelDsl.Generator.Analysis;
using ModelDsl.Generator.Spec;

namespace ModelDsl.Generator.Emit.TorchSharp
{
    /// <summary>Writes <c>XxxTrainer</c>: the runtime training loop specialised with the model's compile-time facts and declared options.</summary>
    internal static class TrainerEmitter
    {
        private const string Training = "global::ModelDsl.Training.";
        private const string Tensor = "global::TorchSharp.torch.Tensor";

        public static string Emit(CheckedModel model)
        {
            CodeWriter w = CodeWriter.GeneratedFile(model.NamespaceName);

            string trainer = model.ClassName + "Trainer";
            string task = model.Task switch
            {
                ModelTask.MultiClass => $"multi-class classification over {model.Units} classes",
                ModelTask.Binary => "binary classification",
                _ => $"regression of {model.Units} value(s)",
            };
            w.Line("/// <summary>");
            w.Line($"/// Trains <see cref=\"{model.ClassName}\"/> ({task}) with the options it declares; see <see cref=\"DefaultOptions\"/>.");
            w.Line("/// </summary>");
            using (w.Block($"{model.Accessibility} sealed partial class {trainer} : {Training}ModelTrainer<{model.TypeName}>"))
            {

                w.Line("/// <summary>The declared training options. Override any of them with <c>DefaultOptions with { ... }</c>.</summary>");
                w.Line($"public static {Training}TrainingOptions DefaultOptions {{ get; }} = new()");
                w.Line("{");
                foreach (var option in TrainingOptionCatalog.All)
                {
                    Argument? value = model.Training.FirstOrDefault(a => a.Key == option.Definition.Key);
                    if (value is not null)
                        w.Line($"    {option.Property} = {Literal(option, value.Value)},");
                }
                w.Line("};");
                w.Line();
                string taskMember = model.Task.ToString();
                w.Line("/// <summary>What the output predicts, decided at compile time from the output layer and loss.</summary>");
                w.Line($"public static {Training}ModelOutput DeclaredOutput {{ get; }} = new({Training}ModelTask.{taskMember}, {model.Units});");
                w.Line();
                w.Line($"/// <summary>Wraps an existing <paramref name=\"model\"/>; <paramref name=\"options\"/> default to <see cref=\"DefaultOptions\"/>.</summary>");
                w.Line($"public {trainer}({model.TypeName} model, {Training}TrainingOptions? options = null)");
                w.Line($"    : base(model, options ?? DefaultOptions, DeclaredOutput, {model.TypeName}.{(model.NamedInputs ? "Inputs" : "InputShape")}, {model.TypeName}.SpecHash)");
                w.Line("{");
                w.Line("}");
                if (model.Inputs.Count > 1)
                {
                    w.Line();
                    w.Line("/// <summary>Runs the model on a batch of its named inputs, in the order forward() takes them.</summary>");
                    w.Line($"protected override {Tensor} Forward(global::ModelDsl.Data.ModelInputs inputs) =>");
                    string batches = string.Join(", ", model.Inputs.Select((input, i) => $"inputs[{i}]"));
                    w.Line(model.UsesInputRecord ? $"    Model.call(new {model.InputRecordName}({batches}));" : $"    Model.call({batches});");
                }
                w.Line();
                bool pretrained = model.PretrainedLayers.Any();
                w.Line("/// <summary>Creates a freshly initialised model, seeded with <see cref=\"" + Training.Replace("global::", "") + "TrainingOptions.Seed\"/> so runs are reproducible" +
                    (pretrained ? $", with its pretrained layers loaded (<see cref=\"{model.TypeName}.LoadPretrained\"/>).</summary>" : ".</summary>"));
                using (w.Block($"public static {trainer} Create({Training}TrainingOptions? options = null)"))
                {
                    w.Line("options ??= DefaultOptions;");
                    w.Line("global::TorchSharp.torch.manual_seed(options.Seed);");
                    if (pretrained)
                    {
                        // A fresh start only: resuming or loading a checkpoint constructs the model directly and reads its weights.
                        w.Line($"var model = new {model.TypeName}();");
                        w.Line("model.LoadPretrained();");
                        w.Line($"return new {trainer}(model, options) {{ OwnsModel = true }};");
                    }
                    else
                        w.Line($"return new {trainer}(new {model.TypeName}(), options) {{ OwnsModel = true }};");
                }

                if (model.Features is not null && !model.NamedInputs)
                    EmitRecordMembers(w, model, trainer);
                else if (TypedInputsEmitter.Applies(model))
                    TypedInputsEmitter.Emit(w, model, trainer);

                if (model.FinalActivation.Length > 0)
                {
                    w.Line();
                    w.Line($"/// <summary>Applies the model's final {model.FinalActivation}, which forward() leaves to prediction.</summary>");
                    w.Line($"protected override {Tensor} ToPrediction({Tensor} output) =>");
                    w.Line(model.FinalActivation == "softmax"
                        ? "    global::TorchSharp.torch.nn.functional.softmax(output, 1);"
                        : "    global::TorchSharp.torch.nn.functional.sigmoid(output.reshape(-1));");
                }
            }
            return w.EndFile();
        }

        /// <summary>Members for a model whose input is a record: the featurizer it keeps, and Fit/Evaluate/Predict over records.</summary>
        private static void EmitRecordMembers(CodeWriter w, CheckedModel model, string trainer)
        {
            string record = model.Features!.TypeName;
            string records = $"global::System.Collections.Generic.IReadOnlyList<{record}>";
            (string targets, string targetWord) = TypedExampleMembers.Targets(model);

            EmitFeaturizerMembers(w, model, trainer);
            w.Line();
            w.Line($"/// <summary>A dataset of <paramref name=\"records\"/> and their {targetWord}, featurized with <see cref=\"Featurizer\"/>.</summary>");
            w.Line($"public global::ModelDsl.Data.InMemoryDataset ToDataset({records} records, {targets} targets) =>");
            w.Line("    RequireFeaturizer().ToDataset(records, targets);");
            w.Line();
            TypedExampleMembers.Emit(w, model, new TypedExamples(
                Subject: "records", FeaturizerNote: "; fits <see cref=\"Featurizer\"/> on <paramref name=\"train\"/> first unless one is set",
                ValidationWord: "validation records",
                Parameters: $"{records} records", TrainParameters: $"{records} train", ValidationParameters: $"{records}? validation = null",
                Arguments: "records", TrainArguments: "train", ValidationArguments: "validation!",
                ValidationMissing: "validation is null", ValidationMismatch: "Give validation records and validation targets together, or neither.",
                FitFeaturizer: "Featurizer ??= FitFeaturizer(train);",
                OneDoc: "for <paramref name=\"record\"/>", OneParameters: $"{record} record", OneAsMany: "new[] { record }",
                ManyDoc: "for each of <paramref name=\"records\"/>",
                PredictLines: new[] { "float[] values = Predict(RequireFeaturizer().ToTensor(records)).cpu().data<float>().ToArray();" }));
        }

        /// <summary>
        /// What a typed <c>Predict</c> returns for the model's task: the units literal, whether one example is one number,
        /// the words for its docs, and the C# type of one example's prediction.
        /// </summary>
        internal static (string Units, bool Scalar, string What, string One) Prediction(CheckedModel model)
        {
            string units = Literals.Integer(model.Units);
            bool scalar = model.Task == ModelTask.Binary || model.Task == ModelTask.Regression && model.Units == 1;
            string what = model.Task switch
            {
                ModelTask.Binary => "the probability of the positive class",
                ModelTask.MultiClass => $"the probabilities of the {units} classes",
                _ => scalar ? "the predicted value" : $"the {units} predicted values",
            };
            return (units, scalar, what, scalar ? "double" : "float[]");
        }

        /// <summary>
        /// The featurizer a record input needs: the fitted instance, fitting and loading it, keeping it in checkpoints, and the
        /// guard that names the missing step.
        /// </summary>
        internal static void EmitFeaturizerMembers(CodeWriter w, CheckedModel model, string trainer)
        {
            string featurizer = FeaturizerEmitter.FeaturizerName(model);
            string records = $"global::System.Collections.Generic.IReadOnlyList<{model.Features!.TypeName}>";
            w.Line();
            w.Line($"/// <summary>Turns records into inputs: set by <see cref=\"FitFeaturizer\"/> (or the record overload of <c>Fit</c>) or <see cref=\"LoadFeaturizer\"/>; kept in every checkpoint.</summary>");
            w.Line($"public {featurizer}? Featurizer {{ get; set; }}");
            w.Line();
            w.Line("/// <summary>Fits <see cref=\"Featurizer\"/> on training records only (its statistics must not see validation or test data).</summary>");
            w.Line($"public {featurizer} FitFeaturizer({records} training) => Featurizer = {featurizer}.Fit(training);");
            w.Line();
            w.Line("/// <summary>Loads the featurizer kept in <paramref name=\"checkpoint\"/> (after its checksum is verified).</summary>");
            w.Line("/// <exception cref=\"global::ModelDsl.Checkpoints.CheckpointException\">The checkpoint has no featurizer or the file is corrupt.</exception>");
            w.Line($"public {featurizer} LoadFeaturizer(global::ModelDsl.Checkpoints.CheckpointInfo checkpoint) =>");
            w.Line($"    Featurizer = {featurizer}.Load(global::ModelDsl.Checkpoints.CheckpointStore.ReadExtraFile(checkpoint, {featurizer}.CheckpointFile),");
            w.Line($"        global::System.IO.Path.Combine(checkpoint.Directory, {featurizer}.CheckpointFile));");
            w.Line();
            w.Line("/// <inheritdoc />");
            using (w.Block("protected override void AddCheckpointFiles(global::System.Collections.Generic.IDictionary<string, byte[]> files)"))
            {
                w.Line("if (Featurizer is not null)");
                w.Line($"    files[{featurizer}.CheckpointFile] = Featurizer.Save();");
            }
            w.Line();
            w.Line($"private {featurizer} RequireFeaturizer() => Featurizer ?? throw new global::System.InvalidOperationException(");
            w.Line($"    \"{trainer} has no featurizer yet: call FitFeaturizer(training records) or the record overload of Fit before building datasets, or LoadFeaturizer(checkpoint) before predicting.\");");
        }

        private static string Literal(TrainingOptionCatalog.Option option, ArgumentValue value)
        {
            string enumType = "global::ModelDsl." + option.EnumType;
            return value.Kind switch
            {
                ArgumentKind.Integer => Literals.Integer(value.Integer),
                ArgumentKind.Number => Literals.Number(value.Number),
                ArgumentKind.Boolean => value.Boolean ? "true" : "false",
                ArgumentKind.Text when option.EnumType is not null => enumType + "." + TrainingOptionCatalog.EnumMember(value.Text),
                ArgumentKind.Text => Literals.String(value.Text),
                ArgumentKind.NumberList => "new double[] { " + string.Join(", ", value.Numbers.Select(Literals.Number)) + " }",
                ArgumentKind.TextList when option.EnumType is null => value.Texts.Count == 0
                    ? "global::System.Array.Empty<string>()"
                    : "new string[] { " + string.Join(", ", value.Texts.Select(Literals.String)) + " }",
                ArgumentKind.TextList => value.Texts.Count == 0
                    ? $"global::System.Array.Empty<{enumType}>()"
                    : $"new {enumType}[] {{ " + string.Join(", ", value.Texts.Select(t => enumType + "." + TrainingOptionCatalog.EnumMember(t))) + " }",
                _ => "default",
            };
        }
    }
}
