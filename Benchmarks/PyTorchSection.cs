using System.Globalization;
using System.Text.Json;
using ModelDsl.Data;
using ModelDsl.Export;
using TorchSharp;

namespace ModelDsl.Benchmarks;

/// <summary>
/// Section 2: ModelDsl ÷ plain PyTorch. Writes each case's exact tensors to a temporary folder, runs
/// <c>pytorch_reference.py</c> (which trains each model's emitted PyTorch twin, written beside the data by
/// <see cref="PyTorchExport"/>) with the same torch thread count, batch, device and repeats, and divides the generated
/// trainer's throughput (measured in this run by <see cref="TrainingSection"/>) by PyTorch's. PyTorch gets the first
/// <see cref="BenchmarkOptions.PythonExamples"/> examples (at least 8 batches) of the same data: Debian's PyTorch is
/// built on the reference BLAS, so full-size LSTM and Transformer epochs would take minutes; per-example throughput
/// does not depend on the epoch length beyond a few batches. A fine-tuning case (news-minilm) starts both sides from the
/// same pretrained weights, written here as safetensors, trains with the same full options (AdamW groups, warm-up schedule,
/// nothing frozen) and first compares both sides' loss on the same examples, so the ratio is known to time the same work.
/// </summary>
internal sealed class PyTorchSection(BenchmarkOptions options, torch.Device device, BenchmarkReport report)
{
    public void Run(IReadOnlyList<TrainingMeasurement> measured)
    {
        TorchPython? python = TorchPython.Find(options.Python, out List<string> reasons);
        if (python is null)
        {
            report.Fact($"pytorch: SKIPPED, no Python with torch found ({string.Join("; ", reasons)}); pass --python PATH or set {BenchmarkOptions.PythonVariable}");
            return;
        }
        string script = Path.Combine(AppContext.BaseDirectory, "pytorch_reference.py");
        string folder = Directory.CreateTempSubdirectory("modeldsl-bench-").FullName;
        try
        {
            var written = new Dictionary<string, WrittenCase>();
            foreach (TrainingMeasurement m in measured)
            {
                using InMemoryDataset data = m.Case.CreateData(options.Examples);
                written[m.Case.Name] = WriteCase(folder, m.Case, data, options.PythonExamples);
            }
            int threads = torch.get_num_threads();
            string pythonDevice = device.type == DeviceType.CUDA ? $"cuda:{Math.Max(0, device.index)}" : "cpu";
            Console.WriteLine($"pytorch: {python.Executable} (torch {python.TorchVersion}), {threads} threads, device {pythonDevice}, same data as above");
            var (exitCode, output) = TorchPython.Run(python.Executable,
                [script, "--data-dir", folder, "--cases", string.Join(",", measured.Select(m => m.Case.Name)), "--threads", threads.ToString(CultureInfo.InvariantCulture),
                 "--device", pythonDevice, "--repeats", options.Repeats.ToString(CultureInfo.InvariantCulture)],
                TimeSpan.FromMinutes(30),
                // Debian's torch calls the system BLAS (OpenBLAS where installed), whose own threads torch.set_num_threads
                // does not govern: give it the same count, so both sides run the same number of threads.
                new Dictionary<string, string> { ["OPENBLAS_NUM_THREADS"] = threads.ToString(CultureInfo.InvariantCulture) });
            if (output.Split('\n').FirstOrDefault(l => l.StartsWith("blas: ", StringComparison.Ordinal)) is { } blas)
                report.Fact($"pytorch: the BLAS its matrix products ran on: {blas["blas: ".Length..].Trim()}");
            var pytorch = ParseResults(output);
            if (exitCode != 0)
                report.Fact($"pytorch: the reference script failed (exit {exitCode?.ToString(CultureInfo.InvariantCulture) ?? "none"}): {output.Trim()}");
            foreach (TrainingMeasurement m in measured)
            {
                if (!pytorch.TryGetValue(m.Case.Name, out PyTorchResult? theirs))
                    continue;
                WrittenCase ours = written[m.Case.Name];
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"pytorch  {m.Case.Name,-12} batch {m.Case.Batch,4}: ModelDsl {m.Generated,9:F1} ex/s   PyTorch {python.TorchVersion} {theirs.ExamplesPerSecond,9:F1} ex/s (first {ours.Examples} examples; {m.Generated / m.Case.Batch:F3} vs {theirs.ExamplesPerSecond / m.Case.Batch:F3} steps/s)"));
                if (m.Case.FineTuning is not null)
                {
                    report.Fact(string.Create(CultureInfo.InvariantCulture,
                        $"{m.Case.Name}: the same starting weights: loss on the first {ours.StartLossRows} examples (evaluation mode) ModelDsl {ours.StartLoss:F6}, PyTorch {theirs.StartLoss:F6}, |difference| {Math.Abs(ours.StartLoss!.Value - (theirs.StartLoss ?? double.NaN)):E2}; PyTorch trains {theirs.TrainedParameters:N0} of the model's {m.Case.FineTuning.Start.ParameterCount:N0} parameters"));
                    report.Ratio($"{m.Case.Name} ModelDsl / PyTorch", m.Generated / theirs.ExamplesPerSecond,
                        $"fine-tuning steps/s from the same weights, nothing frozen, batch {m.Case.Batch}: generated trainer ÷ plain PyTorch {python.TorchVersion}, {threads} threads");
                    continue;
                }
                report.Ratio($"{m.Case.Name} ModelDsl / PyTorch", m.Generated / theirs.ExamplesPerSecond,
                    $"generated trainer ÷ plain PyTorch {python.TorchVersion}, {threads} threads", m.Case.Name.StartsWith("cnn", StringComparison.Ordinal) ? ">= 1.0" : null);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>What <see cref="WriteCase"/> wrote: how many examples, and for a fine-tuning case the .NET module's starting loss.</summary>
    internal sealed record WrittenCase(long Examples, int StartLossRows, double? StartLoss);

    /// <summary>Examples the starting losses of a fine-tuning case are compared on (Debian's PyTorch takes about 0.4 s per MiniLM row).</summary>
    public const int StartLossRows = 4;

    /// <summary>
    /// Writes the case's first examples of <paramref name="data"/> (the same data the .NET side trained on), its twin and,
    /// for a fine-tuning case, the starting weights (<c>&lt;case&gt;.safetensors</c>) and the options.
    /// </summary>
    internal static WrittenCase WriteCase(string folder, TrainingCase c, InMemoryDataset data, int pythonExamples)
    {
        FineTuningSetup? fineTuning = c.FineTuning;
        long count = Math.Min(data.Count, fineTuning is null ? Math.Max(pythonExamples, 8L * c.Batch) : (long)fineTuning.PythonBatches * c.Batch);
        using var features = data.Features.narrow(0, 0, count);
        using var labels = data.Labels.narrow(0, 0, count);
        // The model's PyTorch twin, as ModelDsl emits it: the script trains exactly the generated architecture.
        string module = Path.GetFileNameWithoutExtension(PyTorchExport.Write(Path.Combine(folder, TwinsFolder), c.Model)[0]);
        var header = new BenchmarkTensorFile.CaseHeader(c.Name, module, c.Batch, c.Optimizer, c.LearningRate, c.WeightDecay, c.ClipNorm, 42) { ModelClass = c.Model.Name };
        double? startLoss = null;
        if (fineTuning is not null)
        {
            string weights = c.Name + ".safetensors";
            fineTuning.Start.Save(Path.Combine(folder, weights));
            int rows = (int)Math.Min(StartLossRows, count);
            using (var firstFeatures = features.narrow(0, 0, rows))
            using (var firstLabels = labels.narrow(0, 0, rows))
                startLoss = fineTuning.Start.Loss(firstFeatures, firstLabels);
            header = header with { Weights = weights, Training = fineTuning.Training, StartLossRows = rows, MaxRepeats = fineTuning.MaxRepeats };
        }
        BenchmarkTensorFile.Write(folder, header, [("features", features), ("labels", labels)]);
        return new WrittenCase(count, header.StartLossRows, startLoss);
    }

    /// <summary>The folder under the data folder holding the twins (the script imports them from there).</summary>
    public const string TwinsFolder = "twins";

    /// <summary>One case's line from the script: throughput and, for a fine-tuning case, its starting loss and how many parameters it trained.</summary>
    internal sealed record PyTorchResult(double ExamplesPerSecond, double? StartLoss, long? TrainedParameters);

    /// <summary>The script's JSON lines by case name; other output (warnings) is ignored.</summary>
    internal static Dictionary<string, PyTorchResult> ParseResults(string output)
    {
        var results = new Dictionary<string, PyTorchResult>();
        foreach (string line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!line.StartsWith('{'))
                continue;
            using var json = JsonDocument.Parse(line);
            JsonElement root = json.RootElement;
            results[root.GetProperty("case").GetString()!] = new PyTorchResult(root.GetProperty("examples_per_second").GetDouble(),
                root.TryGetProperty("start_loss", out JsonElement loss) ? loss.GetDouble() : null,
                root.TryGetProperty("trained_parameters", out JsonElement trained) ? trained.GetInt64() : null);
        }
        return results;
    }
}
