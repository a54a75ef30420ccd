using System.Linq;
using System.Text;
using ModelDsl.Generator.Analysis;
using ModelDsl.Generator.Layers;
using ModelDsl.Generator.Spec;

namespace ModelDsl.Generator.Emit.PyTorch
{
    /// <summary>
    /// The declared training options as JSON for the torchrun entry point: every option of
    /// <see cref="TrainingOptionCatalog"/> under its snake_case name (the declared value, or the default the trainer would
    /// use), with the model it belongs to and its task. The checker has already resolved <c>loss: auto</c>.
    /// </summary>
    internal static class TrainingOptionsJson
    {
        public static string Emit(CheckedModel model)
        {
            var json = new StringBuilder("{\n");
            json.Append($"  \"model\": {PythonLiterals.String(model.ClassName)},\n");
            json.Append($"  \"module\": {PythonLiterals.String(Names.PythonModuleName(model.ClassName))},\n");
            json.Append($"  \"spec_hash\": {PythonLiterals.String(model.SpecHash)},\n");
            json.Append($"  \"task\": \"{PythonModuleEmitter.TaskName(model.Task)}\",\n");
            json.Append($"  \"units\": {PythonLiterals.Integer(model.Units)},\n");
            json.Append("  \"training\": {\n");
            string[] options = TrainingOptionCatalog.All.Select(option =>
            {
                ArgumentValue? value = model.Training.FirstOrDefault(a => a.Key == option.Definition.Key)?.Value ?? option.Definition.Default;
                return $"    {PythonLiterals.String(option.Definition.Name)}: {Value(value)}";
            }).ToArray();
            json.Append(string.Join(",\n", options)).Append("\n  }\n}\n");
            return json.ToString();
        }

        private static string Value(ArgumentValue? value) => value?.Kind switch
        {
            ArgumentKind.Integer => PythonLiterals.Integer(value.Integer),
            ArgumentKind.Number => PythonLiterals.Number(value.Number),
            ArgumentKind.Boolean => value.Boolean ? "true" : "false",
            ArgumentKind.Text => PythonLiterals.String(value.Text),
            ArgumentKind.IntegerList => "[" + string.Join(", ", value.Integers.Select(PythonLiterals.Integer)) + "]",
            ArgumentKind.NumberList => "[" + string.Join(", ", value.Numbers.Select(PythonLiterals.Number)) + "]",
            ArgumentKind.TextList => "[" + string.Join(", ", value.Texts.Select(PythonLiterals.String)) + "]",
            _ => "null",
        };
    }
}
