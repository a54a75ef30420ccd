using ModelDsl.Checkpoints;
using ModelDsl.Data;
using ModelDsl.Training;
using ModelDslApp;
using TorchSharp;

// Generated data with a known rule: risky when feature 0 + feature 1 > 0.
var random = new Random(1);
float[] features = Enumerable.Range(0, 2000 * 6).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
float[] labels = Enumerable.Range(0, 2000).Select(i => features[i * 6] + features[i * 6 + 1] > 0 ? 1f : 0f).ToArray();
using var all = new InMemoryDataset(torch.tensor(features, [2000, 6]), torch.tensor(labels));
var (trainSplit, testSplit) = all.SplitLast(0.2);
using InMemoryDataset train = trainSplit;
using InMemoryDataset test = testSplit;

int epochs = args.Length > 0 ? int.Parse(args[0]) : RiskModelTrainer.DefaultOptions.Epochs;
TrainingOptions options = RiskModelTrainer.DefaultOptions with { Epochs = epochs, Device = "cpu" };
using RiskModelTrainer trainer = RiskModelTrainer.Create(options);
trainer.Progress = new ConsoleTrainingProgress(Console.Out);
// Every run gets its own folder (runs/risk/version_0, version_1, …; runs/risk/latest-version names the newest), so a
// second run never mixes its checkpoints with the first's.
string run = RunVersions.StartNew(Path.Combine("runs", "risk"));
var store = new CheckpointStore(Path.Combine(run, "checkpoints"));
// Saves the weights, optimizer and trainer state and any file the trainer needs to reload (a featurizer's statistics).
trainer.CheckpointTo(store);

Console.WriteLine(RiskModel.Summary());
TrainingHistory history = trainer.Fit(train);
EvaluationResult result = trainer.Evaluate(test);
Console.WriteLine($"test accuracy {result["accuracy"]:F3}, ROC AUC {result["roc_auc"]:F3}");

// Reload this run's latest checkpoint into a fresh module and check it predicts the same.
CheckpointInfo latest = store.Latest() ?? throw new InvalidOperationException("no checkpoint written");
using var reloaded = new RiskModel();
CheckpointStore.LoadWeights(latest, reloaded, RiskModel.SpecHash);
reloaded.eval();
trainer.Model.eval();
using var sample = test.Features.narrow(0, 0, 8);
bool same = reloaded.Probabilities(sample).allclose(trainer.Model.Probabilities(sample));
Console.WriteLine($"reloaded {latest.Directory} after {history.Epochs.Count} epoch(s): predictions {(same ? "identical" : "DIFFERENT")}");
Console.WriteLine($"YAML model TrendModel: {TrendModel.ParameterCount} parameters, input ({string.Join(", ", TrendModel.InputShape)})");
return same ? 0 : 1;
