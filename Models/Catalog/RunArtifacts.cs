using System.Text.Json;
using ModelDsl.Checkpoints;
using ModelDsl.Models.Cli;
using ModelDsl.Training;
using TorchSharp;
using TorchSharp.Modules;

namespace ModelDsl.Models.Catalog;

/// <summary>What every shipped model does around its own training: resume from the run folder, checkpoint each epoch, write the history.</summary>
internal static class RunArtifacts
{
    /// <summary>Attaches checkpointing to <paramref name="trainer"/>; when resuming, loads the latest good checkpoint and returns its state.</summary>
    /// <param name="files">Further files every checkpoint keeps (e.g. a standardisation fitted outside the trainer), or null.</param>
    public static TrainerSnapshot? Prepare<TModel>(ModelTrainer<TModel> trainer, TrainRequest request, TrainingOptions options, TextWriter log,
        IReadOnlyDictionary<string, byte[]>? files = null)
        where TModel : torch.nn.Module
    {
        // Made now, so an --out that cannot be written fails before an epoch is spent, not at the first checkpoint.
        Directory.CreateDirectory(RunFolders.Checkpoints(request.OutDir));
        var store = new CheckpointStore(RunFolders.Checkpoints(request.OutDir), new CheckpointPolicy(Monitor: options.Monitor));
        TrainerSnapshot? snapshot = null;
        if (request.Resume)
        {
            // Weights and optimizer state are loaded into the optimizer Fit will use; corrupt checkpoints are skipped with a warning.
            ResumedCheckpoint? resumed = store.ResumeLatest(trainer.Model, trainer.SpecHash, trainer.PrepareOptimizer(options));
            foreach (string warning in store.Warnings)
                log.WriteLine(warning);
            if (resumed is null)
                log.WriteLine($"resume: no checkpoint in {store.RunDirectory}; starting from scratch");
            else
            {
                snapshot = resumed.Snapshot;
                // Fit would train nothing and the old figures would be printed again as if this run had made them.
                if (snapshot.Epoch >= options.Epochs)
                    throw new CliException(
                        $"--resume: the run in '{request.OutDir}' has already completed {snapshot.Epoch} epoch(s) and {options.Epochs} were asked for; " +
                        $"pass --epochs above {snapshot.Epoch} to train further, or leave out --resume to start a new run.");
                log.WriteLine($"resume: continuing after epoch {snapshot.Epoch} from {resumed.Checkpoint.Directory}");
            }
        }
        // The run's seed and data file go with the weights: data that is generated or shuffled with the seed (the test
        // split) can then be rebuilt by evaluate and explain exactly as this run saw it, from the same file.
        var runFiles = new Dictionary<string, byte[]>(files ?? new Dictionary<string, byte[]>())
        {
            [RunFile] = RunRecordFile(options.Seed, request.DataPath),
        };
        trainer.CheckpointTo(store, options.Epochs, runFiles);
        if (request.TensorBoard is { } tensorBoard)
        {
            var logger = new TensorBoardLogger(tensorBoard);
            trainer.Callbacks.Add(logger);
            log.WriteLine($"tensorboard: logging to {logger.Directory} (view with: tensorboard --logdir {logger.Directory})");
        }
        trainer.Progress = new ConsoleTrainingProgress(log);
        return snapshot;
    }

    /// <summary>
    /// Writes history.csv, history.json and history.png into the run folder; returns the checkpoint folder holding the
    /// weights the model ends with: the restored best epoch's when best weights were put back, otherwise the latest.
    /// </summary>
    public static string Finish(TrainingHistory history, TrainRequest request, string title)
    {
        Directory.CreateDirectory(request.OutDir);
        history.WriteCsv(Path.Combine(request.OutDir, "history.csv"));
        history.WriteJson(Path.Combine(request.OutDir, "history.json"));
        history.WritePlot(Path.Combine(request.OutDir, "history.png"), title);
        var store = new CheckpointStore(RunFolders.Checkpoints(request.OutDir));
        // The test figures are computed with the model as Fit left it, so the checkpoint printed next to them must hold
        // those weights (the latest one holds the last epoch's, which differ after a restore).
        string reported = (history.RestoredEpoch is int restored ? store.List().FirstOrDefault(c => c.Epoch == restored) : null)?.Directory
            ?? store.Latest()?.Directory
            ?? throw new InvalidOperationException($"Training finished but no checkpoint was written under {request.OutDir}.");
        // evaluate, predict and explain given this run folder load the same checkpoint.
        RunFolders.RecordReported(request.OutDir, reported);
        return reported;
    }

    /// <summary>
    /// Builds a trainer around a fresh model, loads the weights of the checkpoint folder <paramref name="checkpointDirectory"/>
    /// (<see cref="RunFolders.Resolve"/> finds it) after the architecture check, and moves the model to <paramref name="device"/>.
    /// </summary>
    public static TTrainer LoadTrainer<TTrainer, TModel>(string checkpointDirectory, string device, TrainingOptions declared,
        Func<TrainingOptions, TTrainer> create, out CheckpointInfo checkpoint)
        where TTrainer : ModelTrainer<TModel>
        where TModel : torch.nn.Module
    {
        checkpoint = CheckpointStore.Resolve(checkpointDirectory);
        TTrainer trainer = create(declared with { Device = device });
        CheckpointStore.LoadWeights(checkpoint, trainer.Model, trainer.SpecHash);
        // Through the trainer, so Predict and the explainers send their inputs to the same device as the weights.
        trainer.MoveToDevice();
        return trainer;
    }

    /// <summary>The checkpoint file recording how the run was made (its seed and data file).</summary>
    public const string RunFile = "run.json";

    /// <summary>The seed the checkpoint's run used, or <paramref name="fallback"/> for a checkpoint written without <see cref="RunFile"/>.</summary>
    public static int Seed(CheckpointInfo checkpoint, int fallback) => ReadRunRecord(checkpoint)?.Seed ?? fallback;

    /// <summary>
    /// The data to evaluate or explain a checkpoint on: <paramref name="requested"/> (<c>--data</c>) when given; otherwise
    /// the file the run trained on, as recorded in <see cref="RunFile"/> (named on <paramref name="log"/>), or null for a
    /// run on the model's default data. <c>TrainedOn</c> says whether the data is the run's own, whose test split is
    /// then the part to score.
    /// </summary>
    /// <exception cref="CliException">The recorded training file no longer exists (exit code 2).</exception>
    public static (string? Path, bool TrainedOn) Data(CheckpointInfo checkpoint, string? requested, TextWriter log)
    {
        string? recorded = ReadRunRecord(checkpoint)?.DataPath;
        if (requested is not null)
            return (requested, recorded is not null && string.Equals(System.IO.Path.GetFullPath(requested), recorded, StringComparison.Ordinal));
        if (recorded is null)
            return (null, true);
        // Scoring a file-trained model on the default data would print figures of the wrong data (all importances 0).
        if (!File.Exists(recorded) && !Directory.Exists(recorded))
            throw new CliException(
                $"the checkpoint was trained on '{recorded}', which no longer exists; pass --data with that file (or another with the same columns).");
        log.WriteLine($"data: no --data given; using the file the checkpoint was trained on, {recorded}");
        return (recorded, true);
    }

    private static RunRecord? ReadRunRecord(CheckpointInfo checkpoint)
    {
        if (!CheckpointStore.ListsFile(checkpoint, RunFile))
            return null;
        string source = System.IO.Path.Combine(checkpoint.Directory, RunFile);
        try
        {
            return JsonSerializer.Deserialize<RunRecord>(CheckpointStore.ReadExtraFile(checkpoint, RunFile))
                ?? throw new CheckpointException($"'{source}' is empty.");
        }
        catch (JsonException ex)
        {
            throw new CheckpointException($"'{source}' is not a valid run record ({ex.Message}).");
        }
    }

    /// <summary>The run record of a run on <paramref name="dataPath"/> (null: the default data) with <paramref name="seed"/>, as checkpoints keep it.</summary>
    public static byte[] RunRecordFile(int seed, string? dataPath) =>
        JsonSerializer.SerializeToUtf8Bytes(new RunRecord(seed, dataPath is null ? null : System.IO.Path.GetFullPath(dataPath)));

    /// <param name="DataPath">The full path of <c>--data</c>, or null for the model's default data (and in checkpoints written before it was recorded).</param>
    private sealed record RunRecord(int Seed, string? DataPath = null);

    /// <summary>The declared options with the command line's overrides applied.</summary>
    public static TrainingOptions Apply(TrainingOptions declared, TrainRequest request) => declared with
    {
        Epochs = request.Epochs ?? declared.Epochs,
        BatchSize = request.BatchSize ?? declared.BatchSize,
        LearningRate = request.LearningRate ?? declared.LearningRate,
        Seed = request.Seed ?? declared.Seed,
        Device = request.Device,
    };
}
