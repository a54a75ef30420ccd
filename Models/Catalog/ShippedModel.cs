using System.Reflection;
using ModelDsl.Checkpoints;
using ModelDsl.Data;
using ModelDsl.Export;
using ModelDsl.Models.Cli;
using TorchSharp;

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

    /// <summary>A new, untrained module of this model with its architecture hash, to load checkpoint weights into.</summary>
    protected abstract (torch.nn.Module Module, string SpecHash) NewModule();

    /// <summary>
    /// Writes the model's PyTorch twin, its declared training options and the torchrun entry point into
    /// <paramref name="folder"/> (see docs/scaling.md); returns the files written.
    /// </summary>
    public IReadOnlyList<string> ExportPyTorch(string folder)
    {
        (torch.nn.Module module, _) = NewModule();
        using (module)
            return PyTorchExport.Write(folder, module.GetType());
    }

    /// <summary>
    /// Writes the train, validation and test tensors the model trains on in <c>train</c> (featurized or tokenized with
    /// statistics fitted on the training split, split as <c>train</c> splits them) as the entry point's shards, with the
    /// files a checkpoint of the run needs beside them; returns the manifest written.
    /// </summary>
    public abstract string ExportData(ExportDataRequest request, TextWriter log);

    /// <summary>
    /// Writes <see cref="ExportData"/>'s shards for this model's architecture, with the run record of
    /// <paramref name="seed"/> and the request's data file and <paramref name="files"/> (fitted statistics) beside them.
    /// </summary>
    protected string WriteData(ExportDataRequest request, int seed, InMemoryDataset train, InMemoryDataset validation, InMemoryDataset test,
        IReadOnlyDictionary<string, byte[]>? files = null)
    {
        (torch.nn.Module module, string specHash) = NewModule();
        string modelName = module.GetName();
        module.Dispose();
        var beside = new Dictionary<string, byte[]>(files ?? new Dictionary<string, byte[]>(), StringComparer.Ordinal)
        {
            [RunArtifacts.RunFile] = RunArtifacts.RunRecordFile(seed, request.DataPath),
        };
        return PyTorchDataExport.Write(request.OutDir, modelName, specHash, [("train", train), ("validation", validation), ("test", test)], beside);
    }

    /// <summary>
    /// Makes a ModelDsl checkpoint of the weights in a safetensors file (e.g. <c>model.safetensors</c> from the torchrun
    /// entry point), so every verb that takes a checkpoint folder takes such a file too: the weights are checked against
    /// the model name by name and shape, and the files export-data left beside them (the featurizer's statistics, the run
    /// record) are kept. The checkpoint is written to <c>&lt;file&gt;.checkpoint/</c> (replaced each time); returns it.
    /// </summary>
    /// <exception cref="CheckpointException">The file is not safetensors or its tensors do not fit: the first name and both shapes.</exception>
    public string ImportSafetensors(string file)
    {
        string full = Path.GetFullPath(file);
        (torch.nn.Module module, string specHash) = NewModule();
        using (module)
        {
            WeightExport.LoadSafetensors(module, full);
            string folder = full + ".checkpoint";
            if (Directory.Exists(folder))
                Directory.Delete(folder, recursive: true);
            var besides = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            foreach (string name in CheckpointFilesBeside.Concat(StatisticsFiles))
                if (File.Exists(Path.Combine(Path.GetDirectoryName(full)!, name)))
                    besides[name] = File.ReadAllBytes(Path.Combine(Path.GetDirectoryName(full)!, name));
            var snapshot = new Training.TrainerSnapshot(0, 0, double.NaN, 0, [], []);
            return new CheckpointStore(folder).Save(module, module.GetName(), specHash, null, snapshot, besides);
        }
    }

    /// <summary>The extra checkpoint files export-data writes and the entry point copies next to its weights.</summary>
    private static readonly string[] CheckpointFilesBeside = [RunArtifacts.RunFile, ModelDsl.Data.TabularFeaturizer<object>.CheckpointFile];

    /// <summary>Further statistics files this model keeps in its checkpoints besides a featurizer's (e.g. a price scaling).</summary>
    protected virtual IReadOnlyList<string> StatisticsFiles => [];

    /// <summary>
    /// Writes the checkpoint folder <paramref name="checkpointDirectory"/> as ONNX with the generated <c>ExportOnnx</c>, in
    /// eval form; a model reading a record gets the fitted featurizer of the checkpoint in the graph (docs/onnx.md).
    /// </summary>
    /// <exception cref="CheckpointException">The checkpoint is damaged, of another model, or lacks the featurizer's statistics.</exception>
    public void ExportOnnx(string checkpointDirectory, string path)
    {
        (torch.nn.Module module, string specHash) = NewModule();
        using (module)
        {
            CheckpointInfo checkpoint = CheckpointStore.Resolve(checkpointDirectory);
            CheckpointStore.LoadWeights(checkpoint, module, specHash);
            module.eval();
            Type type = module.GetType();
            // Every generated module has ExportOnnx(path, opset); a record model also the overload taking its featurizer.
            MethodInfo? withFeaturizer = type.GetMethods().SingleOrDefault(m => m.Name == "ExportOnnx" && m.GetParameters().Length == 3);
            if (withFeaturizer is null)
                type.GetMethod("ExportOnnx", [typeof(string), typeof(int)])!.Invoke(module, [path, 17]);
            else
            {
                Type featurizerType = withFeaturizer.GetParameters()[1].ParameterType;
                byte[] statistics = CheckpointStore.ReadExtraFile(checkpoint, ModelDsl.Data.TabularFeaturizer<object>.CheckpointFile);
                object featurizer = featurizerType.GetMethod("Load")!.Invoke(null, [statistics, Path.Combine(checkpoint.Directory, ModelDsl.Data.TabularFeaturizer<object>.CheckpointFile)])!;
                withFeaturizer.Invoke(module, [path, featurizer, 17]);
            }
            if (StatisticsFiles.Count > 0)
                CarryFiles(path, StatisticsFiles.ToDictionary(f => f, f => CheckpointStore.ReadExtraFile(checkpoint, f)));
        }
    }

    /// <summary>
    /// Adds checkpoint files prediction needs besides the graph (a scaling outside the featurizer) to the exported file's
    /// metadata (<see cref="ModelDsl.Onnx.OnnxMetadata.FilePrefix"/>), so the file alone serves; rewritten through a
    /// temporary file, as the export writes it.
    /// </summary>
    private static void CarryFiles(string path, IReadOnlyDictionary<string, byte[]> files)
    {
        global::Onnx.ModelProto model = global::Onnx.ModelProto.Parser.ParseFrom(File.ReadAllBytes(path));
        foreach (var (name, bytes) in files)
            model.MetadataProps.Add(new global::Onnx.StringStringEntryProto { Key = ModelDsl.Onnx.OnnxMetadata.FilePrefix + name, Value = System.Text.Encoding.UTF8.GetString(bytes) });
        string temporary = path + ".tmp";
        using (FileStream stream = File.Create(temporary))
            Google.Protobuf.MessageExtensions.WriteTo(model, stream);
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>
    /// Prints predictions for the examples in <paramref name="inputPath"/> (the file <see cref="Predict"/> reads) from an
    /// exported ONNX file, through ONNX Runtime alone (<see cref="OnnxPrediction"/>; no libtorch is loaded), in
    /// <see cref="Predict"/>'s format; the file's spec hash must be this model's.
    /// </summary>
    public abstract void PredictOnnx(string onnxPath, string inputPath, TextWriter output);

    /// <summary>The spec hash of a generated module, read from its constant: unlike a module's instance, that loads no libtorch.</summary>
    protected static string SpecHashOf<TModule>() => (string)typeof(TModule).GetField("SpecHash")!.GetRawConstantValue()!;

    /// <summary>
    /// Probabilities of the positive class from an exported record model: ONNX Runtime on the raw columns of the
    /// records <paramref name="read"/> returns (read after the file is checked), with the inputs that are not record
    /// columns (a text input's token ids) it returns beside them, through the sigmoid the file records.
    /// </summary>
    protected double[] OnnxProbabilities<TRecord>(string onnxPath, string specHash,
        Func<(IReadOnlyList<TRecord> Records, IReadOnlyDictionary<string, Array>? Others)> read) =>
        OnnxPrediction.Run(onnxPath, specHash, Name, onnx =>
        {
            (IReadOnlyList<TRecord> records, IReadOnlyDictionary<string, Array>? others) = read();
            return (records.Count, ModelDsl.Onnx.OnnxRecordInputs.Of(onnx, records, others));
        }).Select(row => row[0]).ToArray();

    /// <summary>Row-major <paramref name="values"/>, <paramref name="width"/> per row, as one array of doubles per row.</summary>
    internal static double[][] Rows(float[] values, int width) =>
        Enumerable.Range(0, width == 0 ? 0 : values.Length / width).Select(row => values.AsSpan(row * width, width).ToArray().Select(v => (double)v).ToArray()).ToArray();

    /// <summary>The index of the largest probability in <paramref name="row"/> (the first of equal ones), as argmax picks it.</summary>
    protected static int MostProbable(IReadOnlyList<double> row)
    {
        int best = 0;
        for (int c = 1; c < row.Count; c++)
            if (row[c] > row[best])
                best = c;
        return best;
    }

    /// <summary>Prints one probability per row as <c>predict</c> does: a header, then <c>row,probability</c> lines.</summary>
    protected static void WriteProbabilities(TextWriter output, string positiveClass, IReadOnlyList<double> probabilities)
    {
        output.WriteLine($"row,probability_of_{positiveClass}");
        for (int i = 0; i < probabilities.Count; i++)
            output.WriteLine(FormattableString.Invariant($"{i + 1},{probabilities[i]:F4}"));
    }

    /// <summary>
    /// Writes the weights of the checkpoint folder <paramref name="checkpointDirectory"/> for PyTorch: safetensors when
    /// <paramref name="path"/> ends in <c>.safetensors</c>, otherwise a <c>torch.load</c> state-dict file.
    /// </summary>
    /// <exception cref="CheckpointException">The checkpoint is damaged or of another model.</exception>
    /// <exception cref="CheckpointWriteException">The file cannot be written.</exception>
    public void Export(string checkpointDirectory, string path)
    {
        (torch.nn.Module module, string specHash) = NewModule();
        using (module)
        {
            CheckpointStore.LoadWeights(CheckpointStore.Resolve(checkpointDirectory), module, specHash);
            if (path.EndsWith(".safetensors", StringComparison.OrdinalIgnoreCase))
                WeightExport.SaveSafetensors(module, path);
            else
                WeightExport.SavePyTorch(module, path);
        }
    }
}
