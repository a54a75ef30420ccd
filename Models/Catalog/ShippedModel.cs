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
            {
                type.GetMethod("ExportOnnx", [typeof(string), typeof(int)])!.Invoke(module, [path, 17]);
                return;
            }
            Type featurizerType = withFeaturizer.GetParameters()[1].ParameterType;
            byte[] statistics = CheckpointStore.ReadExtraFile(checkpoint, ModelDsl.Data.TabularFeaturizer<object>.CheckpointFile);
            object featurizer = featurizerType.GetMethod("Load")!.Invoke(null, [statistics, Path.Combine(checkpoint.Directory, ModelDsl.Data.TabularFeaturizer<object>.CheckpointFile)])!;
            withFeaturizer.Invoke(module, [path, featurizer, 17]);
        }
    }

    /// <summary>
    /// Prints predictions for the examples in <paramref name="inputPath"/> from an exported ONNX file, through ONNX
    /// Runtime alone (no libtorch is loaded); the file's spec hash must be this model's. Record models implement it.
    /// </summary>
    public virtual void PredictOnnx(string onnxPath, string inputPath, TextWriter output) =>
        throw new CliException($"predict --onnx is available for the record models ({string.Join(", ", OnnxPredicting)}); use --checkpoint for '{Name}'.");

    /// <summary>The models whose <see cref="PredictOnnx"/> is implemented, for the error message of the others.</summary>
    internal static readonly string[] OnnxPredicting = ["credit-mlp", "credit-default", "german-credit"];

    /// <summary>
    /// Probabilities of the positive class from an exported record model: ONNX Runtime on the raw columns of the
    /// records <paramref name="read"/> returns (read after the file is checked), through the sigmoid (the graph ends in
    /// forward()'s logits).
    /// </summary>
    /// <exception cref="InvalidDataException">The file was exported from another architecture than <paramref name="specHash"/>'s.</exception>
    protected double[] OnnxProbabilities<TRecord>(string onnxPath, string specHash, Func<IReadOnlyList<TRecord>> read)
    {
        using var model = new ModelDsl.Onnx.OnnxModel(onnxPath);
        model.RequireSpecHash(specHash, Name);
        IReadOnlyList<TRecord> records = read();
        float[] logits = model.Run(records.Count, ModelDsl.Onnx.OnnxRecordInputs.Of(model, records));
        return logits.Select(l => 1 / (1 + Math.Exp(-l))).ToArray();
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
