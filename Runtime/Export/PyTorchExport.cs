using ModelDsl.Checkpoints;

namespace ModelDsl.Export;

/// <summary>
/// Writes a model's PyTorch twin for training past one machine: the generated module (<c>PyTorchSource</c> as
/// <c>&lt;module&gt;.py</c>), the declared options (<c>PyTorchTrainingOptions</c> as <see cref="OptionsFile"/>), the
/// torchrun entry point (<see cref="EntryPointFile"/>) and the safetensors reader it imports (<see cref="SafetensorsFile"/>,
/// since Debian's python3-torch ships without the <c>safetensors</c> package). See docs/scaling.md.
/// </summary>
public static class PyTorchExport
{
    /// <summary>The training entry point run under torchrun.</summary>
    public const string EntryPointFile = "modeldsl_train.py";

    /// <summary>The minimal safetensors reader and writer the entry point and the twin's users import.</summary>
    public const string SafetensorsFile = "modeldsl_safetensors.py";

    /// <summary>The declared training options, as JSON.</summary>
    public const string OptionsFile = "training_options.json";

    /// <summary>
    /// Writes the four files into <paramref name="folder"/> (created if needed), each through a temporary file that is
    /// renamed, and returns their paths: the module first.
    /// </summary>
    /// <param name="moduleName">The generated <c>PyTorchModuleName</c> (a Python module name: no extension).</param>
    /// <param name="source">The generated <c>PyTorchSource</c>.</param>
    /// <param name="trainingOptions">The generated <c>PyTorchTrainingOptions</c>.</param>
    /// <exception cref="ArgumentException"><paramref name="moduleName"/> is not a plain Python module name.</exception>
    /// <exception cref="CheckpointWriteException">A file cannot be written; the message names it.</exception>
    public static IReadOnlyList<string> Write(string folder, string moduleName, string source, string trainingOptions)
    {
        if (moduleName.Length == 0 || !moduleName.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') || char.IsAsciiDigit(moduleName[0]))
            throw new ArgumentException($"'{moduleName}' is not a Python module name (letters, digits and '_', not starting with a digit).", nameof(moduleName));
        var files = new (string Name, string Text)[]
        {
            (moduleName + ".py", source),
            (OptionsFile, trainingOptions),
            (EntryPointFile, ShippedScript(EntryPointFile)),
            (SafetensorsFile, ShippedScript(SafetensorsFile)),
        };
        var written = new List<string>();
        foreach ((string name, string text) in files)
        {
            string path = Path.GetFullPath(Path.Combine(folder, name));
            try
            {
                DurableFile.Replace(path, temporary => File.WriteAllText(temporary, text));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new CheckpointWriteException($"Could not write '{path}' ({ex.Message}).", ex);
            }
            written.Add(path);
        }
        return written;
    }

    /// <summary>
    /// Writes the twin of generated model <paramref name="model"/> (a class with the generated <c>PyTorchModuleName</c>,
    /// <c>PyTorchSource</c> and <c>PyTorchTrainingOptions</c> constants) as <see cref="Write(string, string, string, string)"/> does.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="model"/> is not a ModelDsl model (it has no PyTorch twin).</exception>
    /// <exception cref="CheckpointWriteException">A file cannot be written; the message names it.</exception>
    public static IReadOnlyList<string> Write(string folder, Type model) =>
        Write(folder, Constant(model, "PyTorchModuleName"), Constant(model, "PyTorchSource"), Constant(model, "PyTorchTrainingOptions"));

    private static string Constant(Type model, string name) =>
        model.GetField(name, System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)?.GetRawConstantValue() as string
        ?? throw new ArgumentException($"{model.FullName} has no generated {name}: it is not a ModelDsl model.", nameof(model));

    /// <summary>The text of a Python file shipped inside this assembly (<see cref="EntryPointFile"/>, <see cref="SafetensorsFile"/>).</summary>
    /// <exception cref="ArgumentException">No such file ships.</exception>
    public static string ShippedScript(string fileName)
    {
        using Stream? stream = typeof(PyTorchExport).Assembly.GetManifestResourceStream("ModelDsl.Export.Python." + fileName);
        if (stream is null)
            throw new ArgumentException($"ModelDsl ships no Python file '{fileName}'.", nameof(fileName));
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
