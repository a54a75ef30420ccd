using System.Globalization;
using System.Text.Json;
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
/// does not depend on the epoch length beyond a few batches.
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
            var examples = new Dictionary<string, long>();
            foreach (TrainingMeasurement m in measured)
                examples[m.Case.Name] = WriteCase(folder, m.Case);
            int threads = torch.get_num_threads();
            string pythonDevice = device.type == DeviceType.CUDA ? $"cuda:{Math.Max(0, device.index)}" : "cpu";
            Console.WriteLine($"pytorch: {python.Executable} (torch {python.TorchVersion}), {threads} threads, device {pythonDevice}, same data as above");
            var (exitCode, output) = TorchPython.Run(python.Executable,
                [script, "--data-dir", folder, "--cases", string.Join(",", measured.Select(m => m.Case.Name)), "--threads", threads.ToString(CultureInfo.InvariantCulture),
                 "--device", pythonDevice, "--repeats", options.Repeats.ToString(CultureInfo.InvariantCulture)],
                TimeSpan.FromMinutes(30));
            var pytorch = ParseResults(output);
            if (exitCode != 0)
                report.Fact($"pytorch: the reference script failed (exit {exitCode?.ToString(CultureInfo.InvariantCulture) ?? "none"}): {output.Trim()}");
            foreach (TrainingMeasurement m in measured)
            {
                if (!pytorch.TryGetValue(m.Case.Name, out double theirs))
                    continue;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"pytorch  {m.Case.Name,-12} batch {m.Case.Batch,4}: ModelDsl {m.Generated,9:F0} ex/s   PyTorch {python.TorchVersion} {theirs,9:F0} ex/s (first {examples[m.Case.Name]} examples)"));
                report.Ratio($"{m.Case.Name} ModelDsl / PyTorch", m.Generated / theirs,
                    $"generated trainer ÷ plain PyTorch {python.TorchVersion}, {threads} threads", m.Case.Name.StartsWith("cnn", StringComparison.Ordinal) ? ">= 1.0" : null);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Writes the case's first examples (the same data the .NET side trained on); returns how many.</summary>
    private long WriteCase(string folder, TrainingCase c)
    {
        using var data = c.CreateData(options.Examples);
        long count = Math.Min(data.Count, Math.Max(options.PythonExamples, 8L * c.Batch));
        using var features = data.Features.narrow(0, 0, count);
        using var labels = data.Labels.narrow(0, 0, count);
        // The model's PyTorch twin, as ModelDsl emits it: the script trains exactly the generated architecture.
        string module = Path.GetFileNameWithoutExtension(PyTorchExport.Write(Path.Combine(folder, TwinsFolder), c.Model)[0]);
        BenchmarkTensorFile.Write(folder,
            new BenchmarkTensorFile.CaseHeader(c.Name, module, c.Batch, c.Optimizer, c.LearningRate, c.WeightDecay, c.ClipNorm, 42) { ModelClass = c.Model.Name },
            [("features", features), ("labels", labels)]);
        return count;
    }

    /// <summary>The folder under the data folder holding the twins (the script imports them from there).</summary>
    public const string TwinsFolder = "twins";

    /// <summary>The script's JSON lines by case name; other output (warnings) is ignored.</summary>
    private static Dictionary<string, double> ParseResults(string output)
    {
        var results = new Dictionary<string, double>();
        foreach (string line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!line.StartsWith('{'))
                continue;
            using var json = JsonDocument.Parse(line);
            results[json.RootElement.GetProperty("case").GetString()!] = json.RootElement.GetProperty("examples_per_second").GetDouble();
        }
        return results;
    }
}
