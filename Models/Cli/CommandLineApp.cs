using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using ModelDsl.Checkpoints;
using ModelDsl.Devices;
using ModelDsl.Models.Catalog;
using ModelDsl.Training;

namespace ModelDsl.Models.Cli;

/// <summary>
/// The command-line verbs scripts rely on: <c>info</c>, <c>list</c>, <c>summary</c>, <c>train</c>, <c>evaluate</c>,
/// <c>predict</c>, <c>explain</c>, <c>export</c>, <c>export-data</c>. Every verb prints <c>error: …</c> to stderr and exits non-zero on bad input.
/// </summary>
internal sealed class CommandLineApp(ModelCatalog catalog, TextWriter output, TextWriter error)
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        // A metric can be undefined (ROC AUC of a single-class sample is NaN): written as "NaN", not a failed run.
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Parses and runs <paramref name="args"/>, returning the process exit code.</summary>
    public int Run(string[] args)
    {
        var root = new RootCommand("ModelDsl: declare a network once, train it with TorchSharp.");
        root.Subcommands.Add(InfoCommand.Create());
        root.Subcommands.Add(ListCommand());
        root.Subcommands.Add(SummaryCommand());
        root.Subcommands.Add(TrainCommand());
        root.Subcommands.Add(EvaluateCommand());
        root.Subcommands.Add(PredictCommand());
        root.Subcommands.Add(ExplainCommand());
        root.Subcommands.Add(ExportCommand());
        root.Subcommands.Add(ExportDataCommand());
        // Figures go to scripts, CSV files and logs, so they are formatted alike on every machine: under a German locale,
        // say, 0.8123 would print as 0,8123 and split a CSV field. Only this call (and work it starts) sees the change.
        // The UI culture too: the app's own messages are English, and System.CommandLine's would otherwise be localized.
        CultureInfo callerCulture = CultureInfo.CurrentCulture, callerUiCulture = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
        try
        {
            ParseResult parsed = root.Parse(args);
            if (parsed.Errors.Count > 0)
            {
                // Usage errors get the documented exit code 2 (System.CommandLine's own is 1, the code for failures).
                // An unknown word is one error line with a suggestion, not one line per stray token ('--epoch 3' gives two).
                if (parsed.UnmatchedTokens.Count > 0)
                    error.WriteLine($"error: {UnknownToken(parsed)}");
                else
                    foreach (var problem in parsed.Errors)
                        error.WriteLine($"error: {Readable(problem.Message)}");
                error.WriteLine("Run with --help for usage.");
                return CliException.UsageError;
            }
            return parsed.Invoke(new InvocationConfiguration { Output = output, Error = error });
        }
        finally
        {
            CultureInfo.CurrentCulture = callerCulture;
            CultureInfo.CurrentUICulture = callerUiCulture;
        }
    }

    private Command ListCommand()
    {
        var command = new Command("list", "List the shipped models.");
        command.SetAction(_ => Guarded(() =>
        {
            foreach (ShippedModel model in catalog.Models)
                output.WriteLine($"{model.Name,-18} {model.Description}");
        }));
        return command;
    }

    private Command SummaryCommand()
    {
        var model = ModelArgument();
        var command = new Command("summary", "Print a model's compile-time summary (layers, output shapes, parameters).") { model };
        command.SetAction(parse => Guarded(() => output.Write(catalog.Find(parse.GetValue(model)!).Summary())));
        return command;
    }

    private Command TrainCommand()
    {
        var model = ModelArgument();
        var epochs = new Option<int?>("--epochs") { Description = "Passes over the training data (default: the model's declared value)." };
        var batchSize = new Option<int?>("--batch-size") { Description = "Examples per batch." };
        var learningRate = new Option<double?>("--lr") { Description = "Learning rate." };
        var device = DeviceOption();
        var data = new Option<string?>("--data") { Description = "A data file to train on instead of the default data." };
        var outDir = new Option<string>("--out") { Description = "Run folder for checkpoints and history.", DefaultValueFactory = _ => "runs" };
        var resume = new Option<bool>("--resume") { Description = "Continue the newest run (runs/<model>/version_N) from its latest good checkpoint; without it every run gets a new version folder." };
        var seed = new Option<int?>("--seed") { Description = "Seed for initialisation, shuffling and generated data." };
        var tensorBoard = new Option<string?>("--tensorboard")
        {
            Description = $"Log the run for TensorBoard into this folder: epoch values, and the batch loss every {TensorBoardLogger.DefaultEverySteps} steps.",
        };
        var json = JsonOption();
        var command = new Command("train", "Train a shipped model and report test figures next to baselines fitted on the same split.")
            { model, epochs, batchSize, learningRate, device, data, outDir, resume, seed, tensorBoard, json };
        command.SetAction(parse => Guarded(() =>
        {
            ShippedModel shipped = catalog.Find(parse.GetValue(model)!);
            string? dataPath = ExistingPathOrNull(parse.GetValue(data), "--data");
            int? epochCount = parse.GetValue(epochs);
            if (epochCount is <= 0)
                throw new CliException($"--epochs must be at least 1 (got {epochCount}).");
            // libtorch's optimizers hold the rate as a 32-bit float: a larger value fails deep inside the first step.
            if (parse.GetValue(learningRate) is { } lr && !(lr > 0 && lr <= float.MaxValue))
                throw new CliException($"--lr must be a positive number no larger than {LearningRateText.Format(float.MaxValue)}, the largest 32-bit float (got {LearningRateText.Format(lr)}).");
            string deviceName = Device(parse.GetValue(device)!);
            int? batch = Positive(parse.GetValue(batchSize), "--batch-size");

            // A fresh run gets its own version folder, so it never mixes its checkpoints and history with an earlier run's.
            string runFolder = RunFolders.ForTraining(Path.Combine(parse.GetValue(outDir)!, shipped.Name), parse.GetValue(resume));
            output.WriteLine($"run folder: {runFolder}");
            var request = new TrainRequest(epochCount, batch, parse.GetValue(learningRate), deviceName, dataPath, runFolder,
                parse.GetValue(resume), parse.GetValue(seed), parse.GetValue(tensorBoard));
            var clock = Stopwatch.StartNew();
            TrainOutcome outcome;
            try
            {
                outcome = shipped.Train(request, output);
            }
            catch
            {
                // A run that failed before its first checkpoint (bad data, say) leaves no empty version behind to
                // become the model's newest run.
                try
                {
                    RunVersions.DeleteIfEmpty(runFolder);
                }
                catch (Exception cleanup) when (cleanup is IOException or UnauthorizedAccessException)
                {
                    // The run's own failure is the one to report.
                }
                throw;
            }
            TrainSummary.Write(outcome, output);
            output.WriteLine($"checkpoint: {outcome.Checkpoint}");
            if (parse.GetValue(json))
                WriteJson(new
                {
                    model = outcome.Model,
                    epochs = outcome.Epochs,
                    metrics = outcome.TestMetrics,
                    restored_epoch = outcome.History?.RestoredEpoch,
                    baselines = outcome.Baselines.Select(b => new { name = b.Name, score = b.Score }),
                    strongest_baseline = new { name = outcome.StrongestBaseline.Name, score = outcome.StrongestBaseline.Score },
                    checkpoint = outcome.Checkpoint,
                    seconds = Math.Round(clock.Elapsed.TotalSeconds, 2),
                });
        }));
        return command;
    }

    private Command EvaluateCommand()
    {
        var model = ModelArgument();
        var checkpoint = CheckpointOption();
        var data = new Option<string?>("--data") { Description = "A data file to evaluate on instead of the test split of the data the run trained on." };
        var device = DeviceOption();
        var json = JsonOption();
        var command = new Command("evaluate", "Evaluate a checkpoint on the test split.") { model, checkpoint, data, device, json };
        command.SetAction(parse => Guarded(() =>
        {
            ShippedModel shipped = catalog.Find(parse.GetValue(model)!);
            var request = new EvaluateRequest(ResolveCheckpoint(shipped, parse.GetValue(checkpoint)!, output),
                ExistingPathOrNull(parse.GetValue(data), "--data"), Device(parse.GetValue(device)!));
            EvaluateOutcome outcome = shipped.Evaluate(request, output);
            foreach (var (name, value) in outcome.TestMetrics)
                output.WriteLine($"{name,-12} {value:F4}");
            if (parse.GetValue(json))
                WriteJson(new { model = outcome.Model, metrics = outcome.TestMetrics, checkpoint = outcome.Checkpoint });
        }));
        return command;
    }

    private Command PredictCommand()
    {
        var model = ModelArgument();
        var checkpoint = CheckpointOption();
        checkpoint.Required = false;
        checkpoint.Description += " Or --onnx.";
        var onnx = new Option<string?>("--onnx")
        {
            Description = "An ONNX file exported with 'export --format onnx', run with ONNX Runtime alone (no libtorch), instead of --checkpoint.",
        };
        var input = new Option<string>("--input") { Description = "A file with the examples to predict.", Required = true };
        var device = DeviceOption();
        var command = new Command("predict", "Predict with a checkpoint, or an exported ONNX file, for the examples in a file.") { model, checkpoint, onnx, input, device };
        command.SetAction(parse => Guarded(() =>
        {
            ShippedModel shipped = catalog.Find(parse.GetValue(model)!);
            string? from = parse.GetValue(checkpoint), exported = parse.GetValue(onnx);
            if ((from is null) == (exported is null))
                throw new CliException("predict takes either --checkpoint or --onnx (one of them).");
            string examples = ExistingFile(parse.GetValue(input)!, "--input");
            // The ONNX path resolves no device: that would load libtorch, which it must not need.
            if (exported is not null)
            {
                shipped.PredictOnnx(ExistingFile(exported, "--onnx"), examples, output);
                return;
            }
            // On stderr: stdout holds the predictions, which scripts read as CSV.
            shipped.Predict(new PredictRequest(ResolveCheckpoint(shipped, from!, error), examples, Device(parse.GetValue(device)!)), output);
        }));
        return command;
    }

    private Command ExplainCommand()
    {
        var model = ModelArgument();
        var checkpoint = CheckpointOption();
        var data = new Option<string?>("--data") { Description = "A data file to explain on (its test split, as train splits it) instead of the data the run trained on." };
        var outDir = new Option<string?>("--out")
        {
            Description = "Folder for the PNG charts (default: explain/<checkpoint> in the run folder of the checkpoint explained).",
        };
        var device = DeviceOption();
        var command = new Command("explain", "Explain what drives a checkpoint's predictions (tables and PNG charts).") { model, checkpoint, data, outDir, device };
        command.SetAction(parse => Guarded(() =>
        {
            ShippedModel shipped = catalog.Find(parse.GetValue(model)!);
            string resolved = ResolveCheckpoint(shipped, parse.GetValue(checkpoint)!, output);
            // Beside the run it explains: a folder shared by every model and run would have each explain overwrite the last.
            string charts = parse.GetValue(outDir) ?? RunFolders.Explanations(resolved);
            ExplainOutcome outcome = shipped.Explain(new ExplainRequest(resolved,
                ExistingPathOrNull(parse.GetValue(data), "--data"), charts, Device(parse.GetValue(device)!)), output);
            foreach (string chart in outcome.Charts)
                output.WriteLine($"chart: {chart}");
        }));
        return command;
    }

    private Command ExportCommand()
    {
        var model = ModelArgument();
        var checkpoint = CheckpointOption();
        checkpoint.Required = false;
        checkpoint.Description += " Required for --format weights and onnx.";
        var format = new Option<string>("--format")
        {
            Description = "weights: a checkpoint's weights (the --out extension picks safetensors or torch.load); " +
                          "pytorch: the model's PyTorch twin, its training options and the torchrun entry point, into the --out folder; " +
                          "onnx: the checkpoint as an ONNX file for ONNX Runtime (a record model's fitted featurizer included, docs/onnx.md).",
            DefaultValueFactory = _ => WeightsFormat,
        };
        format.AcceptOnlyFromAmong(WeightsFormat, PyTorchFormat, OnnxFormat);
        var outPath = new Option<string>("--out")
        {
            Description = "The file to write (*.safetensors, or *.pt / *.pth for torch.load; *.onnx), or for --format pytorch the folder.",
            Required = true,
        };
        var command = new Command("export", "Write a checkpoint's weights for PyTorch or as ONNX (docs/onnx.md), or the model's PyTorch twin for torchrun (docs/scaling.md).")
            { model, checkpoint, format, outPath };
        command.SetAction(parse => Guarded(() =>
        {
            ShippedModel shipped = catalog.Find(parse.GetValue(model)!);
            string path = parse.GetValue(outPath)!;
            if (parse.GetValue(format) == PyTorchFormat)
            {
                if (File.Exists(path))
                    throw new CliException($"--out: '{path}' is a file; --format pytorch writes a folder.");
                foreach (string written in shipped.ExportPyTorch(path))
                    output.WriteLine($"exported: {written}");
                return;
            }
            if (parse.GetValue(format) == OnnxFormat)
            {
                if (!path.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase))
                    throw new CliException($"--out: '{path}' should end in .onnx for --format onnx.");
                string checkpointPath = parse.GetValue(checkpoint) ?? throw new CliException("--checkpoint is required for --format onnx.");
                shipped.ExportOnnx(ResolveCheckpoint(shipped, checkpointPath, output), path);
                output.WriteLine($"exported: {Path.GetFullPath(path)}");
                return;
            }
            if (Path.GetExtension(path).ToLowerInvariant() is not (".safetensors" or ".pt" or ".pth"))
                throw new CliException($"--out: '{path}' should end in .safetensors, .pt or .pth (the extension picks the format).");
            string from = parse.GetValue(checkpoint) ?? throw new CliException("--checkpoint is required for --format weights.");
            shipped.Export(ResolveCheckpoint(shipped, from, output), path);
            output.WriteLine($"exported: {Path.GetFullPath(path)}");
        }));
        return command;
    }

    private const string WeightsFormat = "weights";
    private const string PyTorchFormat = "pytorch";
    private const string OnnxFormat = "onnx";

    private Command ExportDataCommand()
    {
        var model = ModelArgument();
        var data = new Option<string?>("--data") { Description = "A data file to export instead of the default data (as train reads it)." };
        var seed = new Option<int?>("--seed") { Description = "Seed for generated data (default: the model's declared seed)." };
        var outDir = new Option<string>("--out") { Description = "The folder for data.json and the safetensors shards.", Required = true };
        var command = new Command("export-data",
            "Write a model's train/validation/test tensors (featurized as train does, statistics fitted on the training split) as safetensors shards for the torchrun entry point.")
            { model, data, seed, outDir };
        command.SetAction(parse => Guarded(() =>
        {
            ShippedModel shipped = catalog.Find(parse.GetValue(model)!);
            string folder = parse.GetValue(outDir)!;
            if (File.Exists(folder))
                throw new CliException($"--out: '{folder}' is a file; export-data writes a folder.");
            string manifest = shipped.ExportData(new ExportDataRequest(ExistingPathOrNull(parse.GetValue(data), "--data"), parse.GetValue(seed), folder), output);
            output.WriteLine($"exported: {manifest}");
        }));
        return command;
    }

    private static Argument<string> ModelArgument() => new("model") { Description = "The model name (see `list`)." };

    private static Option<string> DeviceOption() =>
        new("--device") { Description = "auto, cpu, cuda or cuda:N.", DefaultValueFactory = _ => DeviceSelector.Auto };

    private static Option<string> CheckpointOption() =>
        new("--checkpoint")
        {
            Description = "A checkpoint folder; a model's run folder (e.g. runs/credit-mlp: its newest version), a version folder or its checkpoints folder (the checkpoint train reported); or any of these followed by /latest or /best; or a *.safetensors file of the model's weights (e.g. model.safetensors from a torchrun run, docs/scaling.md).",
            Required = true,
        };

    private static Option<bool> JsonOption() =>
        new("--json") { Description = "Print one JSON object with the results as the last line." };

    private void WriteJson(object value) => output.WriteLine(JsonSerializer.Serialize(value, JsonOptions));

    /// <summary>Runs a verb, turning user-facing failures into an <c>error:</c> line and an exit code.</summary>
    private int Guarded(Action action)
    {
        try
        {
            action();
            return 0;
        }
        catch (CliException ex)
        {
            error.WriteLine($"error: {ex.Message}");
            return ex.ExitCode;
        }
        catch (Exception ex) when (ex is InvalidDataException or FormatException)
        {
            error.WriteLine($"error: {ex.Message}");
            return CliException.DataError;
        }
        catch (CheckpointWriteException ex)
        {
            // The checkpoint could not be written (a full disk, an unwritable folder): a failure, not a usage error.
            error.WriteLine($"error: {ex.Message}");
            return 1;
        }
        catch (CheckpointException ex)
        {
            // Another model's checkpoint, a damaged one, or a folder without one: the --checkpoint argument is unusable.
            error.WriteLine($"error: {ex.Message}");
            return CliException.UsageError;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Any other failure (a diverged run, a folder that cannot be written, libtorch refusing) is reported, not
            // dumped: the stack trace is for developers and is shown only when MODELDSL_TRACE is set.
            error.WriteLine($"error: {ex.Message}");
            if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable(TraceVariable)))
                error.WriteLine(ex.ToString());
            return 1;
        }
    }

    /// <summary>"unknown option '--epoch' for 'train'; did you mean '--epochs'?" for the first token the parser did not match.</summary>
    private static string UnknownToken(ParseResult parsed)
    {
        Command command = parsed.CommandResult.Command;
        string token = parsed.UnmatchedTokens.FirstOrDefault(t => t.StartsWith('-')) ?? parsed.UnmatchedTokens[0];
        bool isOption = token.StartsWith('-');
        IEnumerable<string> known = isOption
            ? command.Options.Where(o => !o.Hidden).SelectMany(o => o.Aliases.Prepend(o.Name)).Where(n => n.StartsWith("--", StringComparison.Ordinal))
            : command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name);
        string what = isOption ? "unknown option" : command.Subcommands.Count > 0 ? "unknown command" : "unexpected argument";
        string message = command is RootCommand ? $"{what} '{token}'" : $"{what} '{token}' for '{command.Name}'";
        return Suggestion(token, known) is { } suggestion ? $"{message}; did you mean '{suggestion}'?" : $"{message}.";
    }

    /// <summary>The known name closest to <paramref name="typed"/> when it is a likely typo (at most 2 edits, or a prefix of it), else null.</summary>
    private static string? Suggestion(string typed, IEnumerable<string> known)
    {
        (string Name, int Distance)? best = null;
        foreach (string name in known.Distinct())
        {
            int distance = name.StartsWith(typed, StringComparison.Ordinal) && typed.TrimStart('-').Length > 0 ? 1 : EditDistance(typed, name);
            if (distance <= 2 && (best is null || distance < best.Value.Distance))
                best = (name, distance);
        }
        return best?.Name;
    }

    /// <summary>Levenshtein distance: the fewest single-character insertions, deletions and substitutions turning one string into the other.</summary>
    private static int EditDistance(string a, string b)
    {
        int[] previous = Enumerable.Range(0, b.Length + 1).ToArray(), current = new int[b.Length + 1];
        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1], previous[j]) + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }

    // System.CommandLine names the CLR type a value failed to parse as; say what to type instead.
    private static string Readable(string message) => message
        .Replace("expected type 'System.Nullable`1[System.Int32]'", "a whole number")
        .Replace("expected type 'System.Nullable`1[System.Double]'", "a number")
        .Replace("expected type 'System.Int32'", "a whole number")
        .Replace("expected type 'System.Double'", "a number");

    /// <summary>Set to any value to print the stack trace of an unexpected failure after its <c>error:</c> line.</summary>
    public const string TraceVariable = "MODELDSL_TRACE";

    private static string ExistingPath(string path, string option) =>
        File.Exists(path) || Directory.Exists(path) ? Path.GetFullPath(path) : throw new CliException($"{option}: '{path}' does not exist.");

    private static string ExistingFile(string path, string option) =>
        Directory.Exists(path) ? throw new CliException($"{option}: '{path}' is a folder; a file is expected.") : ExistingPath(path, option);

    /// <summary>
    /// The checkpoint folder <paramref name="path"/> names (see <see cref="RunFolders.Resolve"/>), or for a safetensors file
    /// the checkpoint <see cref="ShippedModel.ImportSafetensors"/> makes of it. Damaged checkpoints passed over are warned
    /// about on stderr; the one chosen is named on <paramref name="report"/>, so every figure printed after it can be traced
    /// to the weights that made it.
    /// </summary>
    private string ResolveCheckpoint(ShippedModel shipped, string path, TextWriter report)
    {
        if (path.EndsWith(".safetensors", StringComparison.OrdinalIgnoreCase) && !Directory.Exists(path))
        {
            string imported = shipped.ImportSafetensors(ExistingFile(path, "--checkpoint"));
            report.WriteLine($"checkpoint: {Path.GetFullPath(path)} (imported as {imported})");
            return imported;
        }
        bool named = Path.GetFileName(Path.TrimEndingDirectorySeparator(path)) is "latest" or "best";
        if (!(named ? Directory.Exists(Path.GetDirectoryName(Path.GetFullPath(path))) : Directory.Exists(path)))
            _ = ExistingPath(path, "--checkpoint");
        var warnings = new List<string>();
        try
        {
            CheckpointInfo checkpoint = RunFolders.Resolve(path, warnings);
            report.WriteLine($"checkpoint: {checkpoint.Directory} (epoch {checkpoint.Epoch})");
            return checkpoint.Directory;
        }
        finally
        {
            foreach (string warning in warnings)
                error.WriteLine(warning);
        }
    }

    private static string Device(string request)
    {
        try
        {
            _ = DeviceSelector.Resolve(request);
            return request;
        }
        catch (ArgumentException ex)
        {
            // Checked before any data is read, so a typo does not cost a data load.
            throw new CliException($"--device: {ex.Message.Replace($" (Parameter '{ex.ParamName}')", "")}");
        }
        catch (InvalidOperationException ex)
        {
            throw new CliException($"--device: {ex.Message}");
        }
    }

    private static string? ExistingPathOrNull(string? path, string option) => path is null ? null : ExistingPath(path, option);

    private static int? Positive(int? value, string option) =>
        value is <= 0 ? throw new CliException($"{option} must be at least 1 (got {value}).") : value;
}
