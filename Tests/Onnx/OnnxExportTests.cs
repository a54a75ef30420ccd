using System.Reflection;
using System.Text;
using Microsoft.CodeAnalysis;
using ModelDsl.Tests.Generator;
using ModelDsl.Tests.Support;

namespace ModelDsl.Tests.Onnx;

/// <summary>
/// Every shipped model and 100 random stacks and graphs (50 each) from the property tests, exported with the generated
/// <c>ExportOnnx</c>: ONNX Runtime's output equals TorchSharp's eval-mode forward() within 1e-5 (1e-4 with a transformer
/// encoder), relative to max(1, |value|), and every file passes <c>onnx.checker.check_model</c> (skipped without
/// python3-onnx). The exports are made once for both tests.
/// </summary>
public sealed class OnnxExportTests(OnnxExportTests.Exports exports, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<OnnxExportTests.Exports>
{
    private const int RandomStacks = 50, RandomGraphs = 50;

    [Fact]
    public void Onnx_runtime_matches_torchsharp_for_shipped_and_random_models()
    {
        Assert.True(exports.Results.Count >= RandomStacks + RandomGraphs + 8, $"only {exports.Results.Count} models exported");
        output.WriteLine($"{exports.Results.Count} models, largest difference {exports.Results.Max(r => r.Difference):G3} " +
            $"({exports.Results.Where(r => !r.Transformer).Max(r => r.Difference):G3} without transformer encoders), {exports.Seconds:F1} s to generate and export");
        foreach (OnnxParity.Result result in exports.Results)
            Assert.True(result.Difference <= (result.Transformer ? 1e-4 : 1e-5),
                $"{result.Name}: ONNX Runtime differs from TorchSharp by {result.Difference:G3}\n{result.Summary}");
    }

    [SkippableFact]
    public void Every_exported_file_passes_the_onnx_checker()
    {
        Skip.IfNot(OnnxChecker.Available, "/usr/bin/python3 with the onnx module (Debian python3-onnx) is not installed");
        IReadOnlyDictionary<string, string> failures = OnnxChecker.Failures(exports.Results.Select(r => r.Path));
        Assert.True(failures.Count == 0, string.Join("\n", failures.Select(f => $"{System.IO.Path.GetFileName(f.Key)}: {f.Value}")));
    }

    /// <summary>The exports, made once: the shipped models (Models/Declarations), then random stacks and graphs.</summary>
    public sealed class Exports : IDisposable
    {
        private readonly TemporaryFolder _folder = new();

        public Exports()
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var results = new List<OnnxParity.Result>();
            Type[] shipped = typeof(Models.Declarations.FashionCnn).Assembly.GetTypes()
                .Where(t => t.Namespace == "ModelDsl.Models.Declarations" && t.GetMethod("ExportOnnx", [typeof(string), typeof(int)]) is not null)
                .OrderBy(t => t.Name, StringComparer.Ordinal).ToArray();
            foreach (Type type in shipped)
                results.Add(OnnxParity.Export(type, Folder("shipped"), 1));

            var random = new Random(20261201);
            var source = new StringBuilder("using ModelDsl;\nnamespace OnnxRandom;\n");
            for (int i = 0; i < RandomStacks; i++)
                source.Append(RandomModelTests.RandomStack(random).Attributes).Append($"public partial class S{i} {{ }}\n");
            for (int i = 0; i < RandomGraphs; i++)
                source.Append(RandomGraphTests.RandomGraph(random).Attributes).Append($"public partial class G{i} {{ }}\n");
            GeneratorRun run = GeneratorHarness.Run(source.ToString());
            Assert.True(run.Diagnostics.All(d => d.Severity != DiagnosticSeverity.Error),
                "generator errors: " + string.Join("\n", run.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(5)));
            Assembly assembly = GeneratorHarness.Load(run.Output, "onnx-random");
            for (int i = 0; i < RandomStacks; i++)
                results.Add(OnnxParity.Export(assembly.GetType($"OnnxRandom.S{i}")!, Folder("random"), i));
            for (int i = 0; i < RandomGraphs; i++)
                results.Add(OnnxParity.Export(assembly.GetType($"OnnxRandom.G{i}")!, Folder("random"), i));
            Results = results;
            Seconds = clock.Elapsed.TotalSeconds;
        }

        public double Seconds { get; }

        public IReadOnlyList<OnnxParity.Result> Results { get; }

        private string Folder(string name) => Directory.CreateDirectory(System.IO.Path.Combine(_folder.Path, name)).FullName;

        public void Dispose() => _folder.Dispose();
    }
}
