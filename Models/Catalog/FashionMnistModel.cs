using ModelDsl.Baselines;
using ModelDsl.Checkpoints;
using ModelDsl.Data;
using ModelDsl.Models.Cli;
using ModelDsl.Training;
using TorchSharp;

namespace ModelDsl.Models.Catalog;

/// <summary>
/// A shipped model of Fashion-MNIST images (Debian package <c>dataset-fashion-mnist</c>): the data, splits, baseline,
/// prediction output and saliency explanations every such model shares; a subclass names the generated model and trainer.
/// </summary>
internal abstract class FashionMnistModel<TTrainer, TModel> : ShippedModel
    where TTrainer : ModelTrainer<TModel>
    where TModel : torch.nn.Module<torch.Tensor, torch.Tensor>
{
    /// <summary>Where Debian's <c>dataset-fashion-mnist</c> installs the IDX files.</summary>
    public const string DefaultDataFolder = "/usr/share/datasets/fashion-mnist";

    /// <summary>The share of the training images held out for validation: the last ones in the file.</summary>
    public const double ValidationShare = 0.1;

    /// <summary>The generated trainer's declared options.</summary>
    protected abstract TrainingOptions DefaultOptions { get; }

    /// <summary>A freshly initialised, seeded trainer (the generated <c>Create</c>).</summary>
    protected abstract TTrainer Create(TrainingOptions options);

    /// <summary>A trainer that owns a new, unloaded model, for loading a checkpoint into.</summary>
    protected abstract TTrainer ForCheckpoint(TrainingOptions options);

    public override TrainOutcome Train(TrainRequest request, TextWriter log)
    {
        string folder = DataFolder(request.DataPath);
        using InMemoryDataset train = Load(folder, "train");
        using InMemoryDataset test = Load(folder, "t10k");
        // The last tenth of the training file validates (Fashion-MNIST's training file is in no class order), so val_loss,
        // not the training loss, picks the best checkpoint; the test images stay unseen until the end.
        TrainingOptions options = RunArtifacts.Apply(DefaultOptions with { ValidationSplit = ValidationShare }, request);
        int validationCount = (int)Math.Floor(train.Count * ValidationShare);   // as Fit's split counts it
        log.WriteLine($"data: {train.Count - validationCount} training, {validationCount} validation (the last {ValidationShare * 100:0}% of the training file) " +
            $"and {test.Count} test images from {folder}");

        using TTrainer trainer = Create(options);
        TrainerSnapshot? resume = RunArtifacts.Prepare(trainer, request, options, log);
        TrainingHistory history = trainer.Fit(train, null, options, resume);
        string checkpoint = RunArtifacts.Finish(history, request, Name);

        EvaluationResult result = trainer.Evaluate(test, options);
        // Only the majority class: a linear or tree model on 784 pixels × 54,000 images costs more time than an epoch.
        var majority = MajorityClassBaseline.Fit(train.Labels.data<long>().ToArray().Select(l => (int)l).ToList());
        BaselineScore[] baselines = [new("majority class", majority.Accuracy(test.Labels.data<long>().ToArray().Select(l => (int)l).ToList()))];
        return new TrainOutcome(Name, history.Epochs.Count, result.Values.ToDictionary(v => v.Key, v => v.Value), "accuracy",
            baselines, checkpoint, 0, history);
    }

    public override EvaluateOutcome Evaluate(EvaluateRequest request, TextWriter log)
    {
        using TTrainer trainer = LoadTrainer(request.Checkpoint, request.Device, out CheckpointInfo checkpoint);
        using InMemoryDataset test = Load(DataFolder(RunArtifacts.Data(checkpoint, request.DataPath, log).Path), "t10k");
        EvaluationResult result = trainer.Evaluate(test, trainer.Options with { Device = request.Device });
        return new EvaluateOutcome(Name, result.Values.ToDictionary(v => v.Key, v => v.Value), checkpoint.Directory);
    }

    public override string ExportData(ExportDataRequest request, TextWriter log)
    {
        string folder = DataFolder(request.DataPath);
        using InMemoryDataset all = Load(folder, "train");
        using InMemoryDataset test = Load(folder, "t10k");
        // train's split: the last tenth of the training file validates, the t10k file tests.
        (InMemoryDataset train, InMemoryDataset validation) = all.SplitLast(ValidationShare);
        using (train)
        using (validation)
        {
            log.WriteLine($"splits: {train.Count} training, {validation.Count} validation (the last {ValidationShare * 100:0}% of the training file) and {test.Count} test images from {folder}");
            return WriteData(request, request.Seed ?? DefaultOptions.Seed, train, validation, test);
        }
    }

    public override void Predict(PredictRequest request, TextWriter output)
    {
        (int count, float[] pixels) = ReadImages(request.InputPath);
        using TTrainer trainer = LoadTrainer(request.Checkpoint, request.Device, out _);
        using torch.Tensor images = torch.tensor(pixels, [count, 1, 28, 28]);
        using torch.Tensor probabilities = trainer.Predict(images).cpu();
        float[] values = probabilities.data<float>().ToArray();
        WriteClasses(output, Rows(values, ClassNames.Length));
    }

    /// <summary>As <see cref="Predict"/>, from an exported file: the same pixels into its one input.</summary>
    public override void PredictOnnx(string onnxPath, string inputPath, TextWriter output) =>
        WriteClasses(output, OnnxPrediction.Run(onnxPath, SpecHashOf<TModel>(), Name, onnx =>
        {
            (int count, float[] pixels) = ReadImages(inputPath);
            return (count, new Dictionary<string, Array> { [onnx.InputNames.Single()] = pixels });
        }));

    /// <summary>The 28×28 images of an IDX file, scaled to [0, 1] as training scales them, row-major.</summary>
    /// <exception cref="CliException">The file holds something other than 28×28 images.</exception>
    private static (int Count, float[] Pixels) ReadImages(string path)
    {
        IdxReader.IdxData images = IdxReader.Read(path);
        if (images.Dimensions is not [_, 28, 28])
            throw new CliException($"{path}: expected an IDX file of 28×28 images, found dimensions [{string.Join(", ", images.Dimensions)}].", CliException.DataError);
        return (images.Dimensions[0], images.Values.Select(b => b / 255f).ToArray());
    }

    /// <summary>Prints each image's most probable class: a header, then <c>index,class,label,probability</c> lines.</summary>
    private static void WriteClasses(TextWriter output, IReadOnlyList<double[]> probabilities)
    {
        output.WriteLine("index,class,label,probability");
        for (int i = 0; i < probabilities.Count; i++)
        {
            int best = MostProbable(probabilities[i]);
            output.WriteLine($"{i},{best},{ClassNames[best]},{probabilities[i][best]:F4}");
        }
    }

    public override ExplainOutcome Explain(ExplainRequest request, TextWriter output)
    {
        using TTrainer trainer = LoadTrainer(request.Checkpoint, request.Device, out CheckpointInfo checkpoint);
        using InMemoryDataset test = Load(DataFolder(RunArtifacts.Data(checkpoint, request.DataPath, output).Path), "t10k", limit: 16);
        Directory.CreateDirectory(request.OutDir);
        var charts = new List<string>();
        var ranking = new List<(string, double)>();
        for (int i = 0; i < 4; i++)
        {
            using torch.Tensor image = test.Features.narrow(0, i, 1);
            (float[,] saliency, int predicted) = ModelDsl.Explain.GradientSaliency.Compute(trainer.Model, image, trainer.Device);
            string path = Path.Combine(request.OutDir, $"saliency-{i}.png");
            float[,] pixels = new float[28, 28];
            Buffer.BlockCopy(image.data<float>().ToArray(), 0, pixels, 0, 28 * 28 * sizeof(float));
            ModelDsl.Explain.ChartWriter.Saliency(pixels, saliency, path,
                $"test image {i} ({ClassNames[LabelOf(test, i)]}): predicted {ClassNames[predicted]}");
            charts.Add(path);
            ranking.Add(($"image {i} ({ClassNames[predicted]})", saliency.Cast<float>().Max()));
        }
        output.WriteLine("Gradient saliency |d class score / d pixel| for the first test images (brighter = more influence).");
        return new ExplainOutcome(Name, ranking, charts);
    }

    /// <summary>Fashion-MNIST class names, by label.</summary>
    public static readonly string[] ClassNames =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    private static long LabelOf(InMemoryDataset data, int index)
    {
        using torch.Tensor label = data.Labels[index];
        return label.item<long>();
    }

    private TTrainer LoadTrainer(string checkpointPath, string device, out CheckpointInfo checkpoint) =>
        RunArtifacts.LoadTrainer<TTrainer, TModel>(checkpointPath, device, DefaultOptions, ForCheckpoint, out checkpoint);

    private static string DataFolder(string? requested)
    {
        string folder = requested is null ? DefaultDataFolder : File.Exists(requested) ? Path.GetDirectoryName(requested)! : requested;
        if (!File.Exists(Path.Combine(folder, "train-images-idx3-ubyte.gz")) && !File.Exists(Path.Combine(folder, "train-images-idx3-ubyte")))
            throw new CliException(
                $"Fashion-MNIST was not found in '{folder}'. Install it with 'sudo apt-get install dataset-fashion-mnist' " +
                "or pass --data FOLDER holding train-images-idx3-ubyte(.gz) and the other three IDX files.");
        return folder;
    }

    private static InMemoryDataset Load(string folder, string split, int? limit = null)
    {
        string File(string kind) =>
            System.IO.File.Exists(Path.Combine(folder, $"{split}-{kind}.gz")) ? Path.Combine(folder, $"{split}-{kind}.gz") : Path.Combine(folder, $"{split}-{kind}");
        return ImageClassificationData.LoadIdx(File("images-idx3-ubyte"), File("labels-idx1-ubyte"), limit);
    }
}
