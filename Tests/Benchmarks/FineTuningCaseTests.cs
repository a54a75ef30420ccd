using System.Globalization;
using System.Text.Json;
using ModelDsl.Benchmarks;
using ModelDsl.Data;
using ModelDsl.Devices;
using ModelDsl.Models.Declarations;
using ModelDsl.Tests.Support;

namespace ModelDsl.Tests.Benchmarks;

/// <summary>
/// The news-minilm fine-tuning case compares equal work: what the benchmark writes for pytorch_reference.py makes the
/// PyTorch twin start from the .NET module's pretrained weights (the same loss on the same examples), train every
/// parameter, and run the declared AdamW groups and warm-up schedule.
/// </summary>
public sealed class FineTuningCaseTests
{
    [SkippableFact]
    public void PyTorch_fine_tunes_news_minilm_from_the_same_weights_with_the_declared_options()
    {
        Skip.If(PythonTorch.MissingReason is not null, PythonTorch.MissingReason);
        TorchNative.EnsureLoaded();
        TrainingCase fineTuning = TrainingCases.All(BenchmarkOptions.DefaultFashionMnistFolder).Single(c => c.Name == "news-minilm");
        using var folder = new TemporaryFolder();
        PyTorchSection.WrittenCase written;
        try
        {
            using InMemoryDataset data = fineTuning.CreateData(3200);
            Assert.Equal(2 * TrainingCases.FineTuningBatch, data.Count);
            written = PyTorchSection.WriteCase(folder.Path, fineTuning, data, pythonExamples: 1600);
        }
        finally
        {
            fineTuning.FineTuning!.Start.Dispose();
        }

        string script = Path.Combine(RepositoryPaths.Root, "Benchmarks");
        string probe = $$"""
            import json, sys
            sys.path.insert(0, {{JsonSerializer.Serialize(script)}})
            import pytorch_reference as r
            folder = {{JsonSerializer.Serialize(folder.Path)}}
            header, t = r.load_case(folder, "news-minilm")
            model_type = r.twin_type(folder, header)
            weights = r.starting_weights(folder, header)
            loss = r.start_loss(model_type, weights, t["features"], t["labels"], header["start_loss_rows"])
            optimizer, schedule = r.make_optimizer(folder, header, r.new_model(model_type, weights, "cpu"), 2)
            print(json.dumps({"loss": loss, "trained": sum(p.numel() for g in optimizer.param_groups for p in g["params"]),
                              "decays": [g["weight_decay"] for g in optimizer.param_groups], "first_lr": optimizer.param_groups[0]["lr"],
                              "optimizer": type(optimizer).__name__}))
            """;
        ProcessResult result = ProcessRunner.Run(PythonTorch.Python, ["-c", probe]);
        Assert.True(result.ExitCode == 0, result.Combined);
        using var json = JsonDocument.Parse(result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last(l => l.StartsWith('{')));
        JsonElement root = json.RootElement;

        double theirs = root.GetProperty("loss").GetDouble();
        Assert.True(Math.Abs(theirs - written.StartLoss!.Value) <= 1e-4,
            string.Create(CultureInfo.InvariantCulture, $"starting loss: .NET {written.StartLoss} vs PyTorch {theirs}"));
        // Nothing frozen: the declaration's freeze of encoder.embeddings is lifted on both sides.
        Assert.Equal(NewsMinilm.ParameterCount, root.GetProperty("trained").GetInt64());
        Assert.Equal("AdamW", root.GetProperty("optimizer").GetString());
        Assert.Equal([NewsMinilmTrainer.DefaultOptions.WeightDecay, 0.0], root.GetProperty("decays").EnumerateArray().Select(e => e.GetDouble()));
        // The warm-up schedule: the first step runs at learning rate 0, as the generated trainer's does.
        Assert.Equal(0.0, root.GetProperty("first_lr").GetDouble());
    }
}
