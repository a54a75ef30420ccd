using ModelDsl.Generator.Analysis;
using ModelDsl.Generator.Layers;

namespace ModelDsl.Generator.Emit.PyTorch
{
    /// <summary>
    /// Writes the part of the model class that carries its PyTorch twin: the Python module's name and source and the
    /// training options as JSON, as constants (a generator can only add C# sources; the runtime writes the files out).
    /// </summary>
    internal static class PyTorchEmitter
    {
        public static string Emit(CheckedModel model)
        {
            CodeWriter w = CodeWriter.GeneratedFile(model.NamespaceName);
            using (w.Block($"{model.Accessibility} partial class {model.TypeName}"))
            {
                string module = Names.PythonModuleName(model.ClassName);
                w.Line($"/// <summary>The Python module name of the PyTorch twin (<c>{module}.py</c>, class <c>{model.ClassName}</c>).</summary>");
                w.Line($"public const string PyTorchModuleName = \"{module}\";");
                w.Line();
                w.Line("/// <summary>");
                w.Line("/// Python source of the PyTorch twin: an <c>nn.Module</c> with this module's parameter names, shapes and forward().");
                w.Line("/// <see cref=\"global::ModelDsl.Export.PyTorchExport\"/> writes it out with the training entry point.");
                w.Line("/// </summary>");
                w.Line("public const string PyTorchSource = " + Verbatim(PythonModuleEmitter.Emit(model)) + ";");
                w.Line();
                w.Line("/// <summary>The declared training options as JSON (snake_case names, resolved defaults), read by the entry point.</summary>");
                w.Line("public const string PyTorchTrainingOptions = " + Verbatim(TrainingOptionsJson.Emit(model)) + ";");
            }
            return w.EndFile();
        }

        /// <summary>A verbatim string literal, so the Python reads as Python in the generated file.</summary>
        private static string Verbatim(string text) => "@\"" + text.Replace("\"", "\"\"") + "\"";
    }
}
