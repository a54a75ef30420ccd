using System.Diagnostics;
using System.Globalization;
using Microsoft.CodeAnalysis;

namespace ModelDsl.Benchmarks;

/// <summary>
/// Section 4: the generator. Time to generate 50 model specs in process (relative to the compiler binding the same
/// project), proof that an unrelated edit does no generator work (tracked-step counts), and the generator's share of a
/// real <c>dotnet build</c> of Models/.
/// </summary>
internal sealed class GeneratorSection(BenchmarkOptions options, BenchmarkReport report)
{
    private const int Models = 50;

    /// <summary>What the generator writes for each corpus model: the module, its trainer, its ONNX export and its PyTorch twin.</summary>
    public const int FilesPerModel = 4;

    public void Run()
    {
        var corpus = GeneratorSpecCorpus.Create(Models);
        var runner = new GeneratorRunner();
        Compilation compilation = runner.Compile(corpus);

        // Warm up (JIT of the generator and the compiler), and check every model generated cleanly.
        GeneratorDriver first = GeneratorRunner.CreateDriver(corpus).RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out _);
        int generatedFiles = first.GetRunResult().GeneratedTrees.Length;
        var errors = output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (generatedFiles != FilesPerModel * corpus.ModelCount || errors.Count > 0)
            throw new InvalidOperationException(
                $"generator benchmark corpus: expected {FilesPerModel * corpus.ModelCount} generated files and no errors, got {generatedFiles} files and {errors.Count} errors: {string.Join("; ", errors.Take(3))}");

        double generate = double.MaxValue, bind = double.MaxValue;
        for (int r = 0; r < options.Repeats; r++)
        {
            var clock = Stopwatch.StartNew();
            GeneratorRunner.CreateDriver(corpus).RunGeneratorsAndUpdateCompilation(runner.Compile(corpus), out Compilation fresh, out _);
            generate = Math.Min(generate, clock.Elapsed.TotalMilliseconds);
            clock.Restart();
            _ = fresh.GetDiagnostics();
            bind = Math.Min(bind, clock.Elapsed.TotalMilliseconds);
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"generator {corpus.ModelCount} specs ({corpus.CSharpFiles.Count - 1} attribute, {corpus.YamlFiles.Count} YAML) -> {generatedFiles} files: " +
            $"{generate:F0} ms ({generate / corpus.ModelCount:F1} ms/spec); compiler binding the result {bind:F0} ms"));
        report.Ratio($"generator {corpus.ModelCount} specs / compile", generate / bind, "cold generator pass ÷ compiler diagnostics of the generated project");

        GeneratorWork unrelated = GeneratorWork.Of(first.RunGenerators(GeneratorRunner.EditUnrelated(compilation)).GetRunResult().Results.Single());
        report.Fact($"generator unrelated edit: {unrelated.Regenerated} outputs regenerated ({unrelated}) (target 0)");
        SyntaxTree model = compilation.SyntaxTrees.First(t => t.FilePath == "Model0.cs");
        Compilation changed = compilation.ReplaceSyntaxTree(model, model.WithChangedText(
            Microsoft.CodeAnalysis.Text.SourceText.From(model.GetText().ToString().Replace("[Conv2D(8,", "[Conv2D(9,", StringComparison.Ordinal))));
        GeneratorWork control = GeneratorWork.Of(first.RunGenerators(changed).GetRunResult().Results.Single());
        report.Fact($"generator control, one model edited: {control.Regenerated} outputs regenerated ({control}) (shows the counter sees work)");

        if (options.SkipBuildShare)
            report.Fact("generator build share: skipped (--skip-build-share)");
        else
            new BuildShareMeasurement(report).Run();
    }
}
