using ModelDsl.Checkpoints;
using ModelDsl.CrashChild;
using ModelDsl.Devices;
using ModelDsl.Training;

// Usage: ModelDsl.CrashChild <run-folder> <epochs>
// Trains CrashModel, checkpointing every epoch into <run-folder>, resuming from its latest good checkpoint.
// Prints "ready" before training and "saved <epoch>" after each checkpoint, so the parent can time its kills.
if (args.Length != 2 || !int.TryParse(args[1], out int epochs))
{
    Console.Error.WriteLine("usage: ModelDsl.CrashChild <run-folder> <epochs>");
    return 2;
}
TorchNative.EnsureLoaded();
TorchSharp.torch.set_num_threads(1);
TrainingOptions options = CrashTrainer.OptionsFor(epochs);
TorchSharp.torch.manual_seed(options.Seed);
using var trainer = new CrashTrainer(new CrashModel(), options);
using var data = CrashTrainer.Data();
var store = new CheckpointStore(args[0], new CheckpointPolicy(EveryEpochs: 1, KeepLast: 2, Monitor: "loss"));
ResumedCheckpoint? resumed = store.ResumeLatest(trainer.Model, CrashModel.SpecHash, trainer.PrepareOptimizer(options));
foreach (string warning in store.Warnings)
    Console.Error.WriteLine(warning);
var checkpoints = new CheckpointCallback(store, trainer.Model, nameof(CrashModel), CrashModel.SpecHash, () => trainer.Optimizer, finalEpoch: epochs);
trainer.Callbacks.Add(checkpoints);
trainer.Callbacks.Add(new SavedReporter());
Console.WriteLine($"ready {resumed?.Snapshot.Epoch ?? 0}");
TrainingHistory history = trainer.Fit(data, options: options, resumeFrom: resumed?.Snapshot);
Console.WriteLine($"done {history.Epochs.Count}");
return 0;
