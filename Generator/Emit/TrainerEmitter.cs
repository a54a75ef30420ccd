using System.Globalization;
using System.Linq;
using System.Text;
using ModelDsl.Generator.Analysis;
using ModelDsl.Generator.Spec;

namespace ModelDsl.Generator.Emit
{
    /// <summary>Writes <c>XxxTrainer</c>: the runtime training loop specialised with the model's compile-time facts and declared options.</summary>
    internal static class TrainerEmitter
    {
        private const string Training = "global::ModelDsl.Training.";
        private const string Tensor = "global::TorchSharp.torch.Tensor";

        public static string Emit(CheckedModel model)
        {
            CodeWriter w = CodeWriter.GeneratedFile(model.Namespace);

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
            w.Open($"{model.Accessibility} sealed partial class {trainer} : {Training}ModelTrainer<{model.ClassName}>");

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
            w.Line($"public static {Training}ModelOutput DeclaredOutput {{ get; }} = new({Training}ModelTask.{taskMember}, {model.Units.ToString(CultureInfo.InvariantCulture)});");
            w.Line();
            w.Line($"/// <summary>Wraps an existing <paramref name=\"model\"/>; <paramref name=\"options\"/> default to <see cref=\"DefaultOptions\"/>.</summary>");
            w.Line($"public {trainer}({model.ClassName} model, {Training}TrainingOptions? options = null)");
            w.Line($"    : base(model, options ?? DefaultOptions, DeclaredOutput, {model.ClassName}.InputShape, {model.ClassName}.SpecHash)");
            w.Line("{");
            w.Line("}");
            w.Line();
            w.Line("/// <summary>Creates a freshly initialised model, seeded with <see cref=\"" + Training.Replace("global::", "") + "TrainingOptions.Seed\"/> so runs are reproducible.</summary>");
            w.Open($"public static {trainer} Create({Training}TrainingOptions? options = null)");
            w.Line("options ??= DefaultOptions;");
            w.Line("global::TorchSharp.torch.manual_seed(options.Seed);");
            w.Line($"return new {trainer}(new {model.ClassName}(), options);");
            w.Close();

            if (model.FinalActivation.Length > 0)
            {
                w.Line();
                w.Line($"/// <summary>Applies the model's final {model.FinalActivation}, which forward() leaves to prediction.</summary>");
                w.Line($"protected override {Tensor} ToPrediction({Tensor} output) =>");
                w.Line(model.FinalActivation == "softmax"
                    ? "    global::TorchSharp.torch.nn.functional.softmax(output, 1);"
                    : "    global::TorchSharp.torch.nn.functional.sigmoid(output.reshape(-1));");
            }
            w.Close();
            return w.EndFile();
        }

        private static string Literal(TrainingOptionCatalog.Option option, ArgumentValue value)
        {
            string enumType = "global::ModelDsl." + option.EnumType;
            return value.Kind switch
            {
                ArgumentKind.Integer => value.Integer.ToString(CultureInfo.InvariantCulture),
                ArgumentKind.Number => Number(value.Number),
                ArgumentKind.Boolean => value.Boolean ? "true" : "false",
                ArgumentKind.Text when option.EnumType is not null => enumType + "." + TrainingOptionCatalog.EnumMember(value.Text),
                ArgumentKind.Text => Quote(value.Text),
                ArgumentKind.NumberList => "new double[] { " + string.Join(", ", value.Numbers.Select(Number)) + " }",
                ArgumentKind.TextList => value.Texts.Count == 0
                    ? $"global::System.Array.Empty<{enumType}>()"
                    : $"new {enumType}[] {{ " + string.Join(", ", value.Texts.Select(t => enumType + "." + TrainingOptionCatalog.EnumMember(t))) + " }",
                _ => "default",
            };
        }

        private static string Number(double value)
        {
            string text = value.ToString("R", CultureInfo.InvariantCulture);
            return text.Contains('.') || text.Contains('E') ? text : text + ".0";
        }

        private static string Quote(string text)
        {
            var builder = new StringBuilder("\"");
            foreach (char c in text)
                builder.Append(c switch { '"' => "\\\"", '\\' => "\\\\", '\n' => "\\n", '\r' => "\\r", _ => c.ToString() });
            return builder.Append('"').ToString();
        }
    }
}
