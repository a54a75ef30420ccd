using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using ModelDsl.Generator;

namespace ModelDsl.Benchmarks;

/// <summary>
/// Runs the ModelDsl generator in process (a <see cref="CSharpGeneratorDriver"/> with step tracking) over a
/// <see cref="GeneratorSpecCorpus"/>, against the Runtime and TorchSharp assemblies this process loaded.
/// </summary>
internal sealed class GeneratorRunner
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);
    private readonly ImmutableArray<MetadataReference> _references;

    public GeneratorRunner()
    {
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator).ToList();
        paths.Add(typeof(ModelAttribute).Assembly.Location);
        paths.Add(typeof(TorchSharp.torch).Assembly.Location);
        _references = paths.Distinct().Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToImmutableArray();
    }

    public CSharpCompilation Compile(GeneratorSpecCorpus corpus) =>
        CSharpCompilation.Create("GeneratorBenchmark",
            corpus.CSharpFiles.Select(f => CSharpSyntaxTree.ParseText(f.Text, ParseOptions, f.Path)),
            _references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    /// <summary>A fresh driver (nothing cached) holding the corpus' YAML files as additional texts.</summary>
    public static GeneratorDriver CreateDriver(GeneratorSpecCorpus corpus) =>
        CSharpGeneratorDriver.Create([new ModelGenerator().AsSourceGenerator()],
            corpus.YamlFiles.Select(f => (AdditionalText)new InMemoryText(f.Path, f.Text)), ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Replaces the unrelated file with its edited text; no model changes.</summary>
    public static Compilation EditUnrelated(Compilation compilation)
    {
        SyntaxTree old = compilation.SyntaxTrees.Single(t => t.FilePath == GeneratorSpecCorpus.UnrelatedPath);
        return compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(GeneratorSpecCorpus.EditedUnrelated, ParseOptions, GeneratorSpecCorpus.UnrelatedPath));
    }

    private sealed class InMemoryText(string path, string text) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
    }
}
