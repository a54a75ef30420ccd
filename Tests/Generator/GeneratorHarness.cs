using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using ModelDsl.Generator;

namespace ModelDsl.Tests.Generator;

/// <summary>Runs the ModelDsl generator in memory over C# sources and additional files, offline (references from the running process).</summary>
internal static class GeneratorHarness
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
    {
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator).ToList();
        paths.Add(typeof(ModelAttribute).Assembly.Location);
        paths.Add(typeof(TorchSharp.torch).Assembly.Location);
        return paths.Distinct().Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToImmutableArray();
    });

    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    /// <summary>The runtime and framework assemblies generated code is compiled against.</summary>
    public static ImmutableArray<MetadataReference> RuntimeReferences => References.Value;

    /// <summary>A compilation of <paramref name="sources"/> (file names "Model0.cs", …) against the runtime.</summary>
    public static CSharpCompilation Compilation(params string[] sources) =>
        CSharpCompilation.Create("GeneratorTest",
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, path: $"Model{i}.cs")),
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    public static GeneratorDriver Driver(params AdditionalText[] additionalTexts) =>
        CSharpGeneratorDriver.Create([new ModelGenerator().AsSourceGenerator()], additionalTexts, ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator; returns generated sources by hint name, generator diagnostics, and the compilation's errors afterwards.</summary>
    public static GeneratorRun Run(string[] sources, params AdditionalText[] additionalTexts)
    {
        CSharpCompilation compilation = Compilation(sources);
        GeneratorDriver driver = Driver(additionalTexts).RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out _);
        GeneratorDriverRunResult result = driver.GetRunResult();
        var generated = result.Results.SelectMany(r => r.GeneratedSources).ToDictionary(s => s.HintName, s => s.SourceText.ToString());
        var exceptions = result.Results.Where(r => r.Exception is not null).Select(r => r.Exception!).ToList();
        Assert.True(exceptions.Count == 0, "the generator threw: " + string.Join("\n", exceptions));
        return new GeneratorRun(generated, result.Diagnostics, output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToImmutableArray(), output);
    }

    public static GeneratorRun Run(string source) => Run([source]);

    /// <summary>Compiles <paramref name="compilation"/> (with generated sources) and loads it into a collectible context.</summary>
    public static System.Reflection.Assembly Load(Compilation compilation, string contextName)
    {
        using var stream = new MemoryStream();
        var emitted = compilation.Emit(stream);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(5)));
        stream.Position = 0;
        return new System.Runtime.Loader.AssemblyLoadContext(contextName, isCollectible: true).LoadFromStream(stream);
    }
}

/// <summary>What one generator run produced.</summary>
internal sealed record GeneratorRun(
    IReadOnlyDictionary<string, string> Sources, ImmutableArray<Diagnostic> Diagnostics, ImmutableArray<Diagnostic> CompilationErrors, Compilation Output)
{
    public Diagnostic Single(string id) => Assert.Single(Diagnostics, d => d.Id == id);
}

/// <summary>An in-memory additional file (for *.model.yaml).</summary>
internal sealed class InMemoryAdditionalText(string path, string text) : AdditionalText
{
    public override string Path { get; } = path;

    public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
}
