using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;
using ModelDsl.Tests.Generator;

namespace ModelDsl.Tests.CodeFixes;

/// <summary>
/// The Roslyn code-fix test pattern over the generator's diagnostics, offline: the source is marked with
/// <c>[|…|]</c> where the diagnostic must be; the generator runs (as in <see cref="GeneratorHarness"/>), the provider
/// registers its fixes through a <see cref="CodeFixContext"/> on an <see cref="AdhocWorkspace"/> document, the fix's
/// operations are applied, and the fixed text is returned with a fresh generator run over it. (The testing package
/// finds diagnostics by running analyzers, and these come from a source generator.)
/// </summary>
internal static class CodeFixHarness
{
    private const string CSharpPath = "Model0.cs";
    private const string YamlPath = "specs/T.model.yaml";

    /// <summary>Applies the one fix offered for <paramref name="id"/> in a C# file; returns the fixed text and the generator's run over it.</summary>
    public static async Task<FixedSource> FixCSharpAsync(CodeFixProvider provider, string id, string marked)
    {
        (string source, TextSpan expected) = ParseMarkup(marked);
        Diagnostic diagnostic = Find(GeneratorHarness.Run(source), id, CSharpPath, source, expected);
        (Project project, DocumentId document) = CreateProject(source, yaml: null);
        CodeAction action = Assert.Single(await ActionsAsync(provider, project.GetDocument(document)!, diagnostic));
        Solution fixedSolution = await ApplyAsync(action);
        string text = (await fixedSolution.GetDocument(document)!.GetTextAsync()).ToString();
        return new FixedSource(text, action.Title, GeneratorHarness.Run(text));
    }

    /// <summary>The same for a <c>*.model.yaml</c> file (an additional document of the project).</summary>
    public static async Task<FixedSource> FixYamlAsync(CodeFixProvider provider, string id, string marked)
    {
        (string yaml, TextSpan expected) = ParseMarkup(marked);
        Diagnostic diagnostic = Find(RunYaml(yaml), id, YamlPath, yaml, expected);
        (Project project, DocumentId document) = CreateProject(source: "", yaml);
        CodeAction action = Assert.Single(await ActionsAsync(provider, project.GetAdditionalDocument(document)!, diagnostic));
        Solution fixedSolution = await ApplyAsync(action);
        string text = (await fixedSolution.GetAdditionalDocument(document)!.GetTextAsync()).ToString();
        return new FixedSource(text, action.Title, RunYaml(text));
    }

    /// <summary>The fixes offered for <paramref name="id"/> at the marked place of a C# file (for cases where none should be).</summary>
    public static async Task<IReadOnlyList<CodeAction>> OfferedInCSharpAsync(CodeFixProvider provider, string id, string marked)
    {
        (string source, TextSpan expected) = ParseMarkup(marked);
        Diagnostic diagnostic = Find(GeneratorHarness.Run(source), id, CSharpPath, source, expected);
        (Project project, DocumentId document) = CreateProject(source, yaml: null);
        return await ActionsAsync(provider, project.GetDocument(document)!, diagnostic);
    }

    /// <summary>The same for a <c>*.model.yaml</c> file.</summary>
    public static async Task<IReadOnlyList<CodeAction>> OfferedInYamlAsync(CodeFixProvider provider, string id, string marked)
    {
        (string yaml, TextSpan expected) = ParseMarkup(marked);
        Diagnostic diagnostic = Find(RunYaml(yaml), id, YamlPath, yaml, expected);
        (Project project, DocumentId document) = CreateProject(source: "", yaml);
        return await ActionsAsync(provider, project.GetAdditionalDocument(document)!, diagnostic);
    }

    public static GeneratorRun RunYaml(string yaml) => GeneratorHarness.Run([""], new InMemoryAdditionalText(YamlPath, yaml));

    private static (string Text, TextSpan Marked) ParseMarkup(string marked)
    {
        int start = marked.IndexOf("[|", StringComparison.Ordinal);
        int end = marked.IndexOf("|]", StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, "the source needs one [|…|] marking where the diagnostic is");
        string text = marked.Remove(end, 2).Remove(start, 2);
        return (text, TextSpan.FromBounds(start, end - 2));
    }

    /// <summary>
    /// The one diagnostic <paramref name="id"/>, which must lie inside the marked span of the file, placed by its line and
    /// column: the generator's YAML diagnostics carry line/column positions only, as an IDE reads them.
    /// </summary>
    private static Diagnostic Find(GeneratorRun run, string id, string path, string text, TextSpan marked)
    {
        Diagnostic diagnostic = run.Single(id);
        FileLinePositionSpan lines = diagnostic.Location.GetLineSpan();
        Assert.Equal(path, lines.Path);
        TextSpan at = SourceText.From(text).Lines.GetTextSpan(lines.Span);
        Assert.True(marked.Contains(at), $"{id} is at {at}, outside the marked {marked}: {diagnostic.GetMessage()}");
        return diagnostic;
    }

    private static (Project Project, DocumentId Document) CreateProject(string source, string? yaml)
    {
        var workspace = new AdhocWorkspace();
        Project project = workspace.AddProject(ProjectInfo.Create(ProjectId.CreateNewId(), VersionStamp.Default, "FixTest", "FixTest",
            LanguageNames.CSharp, compilationOptions: GeneratorHarness.Compilation().Options, parseOptions: GeneratorHarness.ParseOptions,
            metadataReferences: GeneratorHarness.Compilation().References));
        Document code = project.AddDocument(CSharpPath, SourceText.From(source), filePath: CSharpPath);
        if (yaml is null)
            return (code.Project, code.Id);
        TextDocument spec = code.Project.AddAdditionalDocument(Path.GetFileName(YamlPath), SourceText.From(yaml), filePath: YamlPath);
        return (spec.Project, spec.Id);
    }

    private static async Task<IReadOnlyList<CodeAction>> ActionsAsync(CodeFixProvider provider, TextDocument document, Diagnostic diagnostic)
    {
        Assert.Contains(diagnostic.Id, provider.FixableDiagnosticIds);
        var actions = new List<CodeAction>();
        void Register(CodeAction action, ImmutableArray<Diagnostic> fixes) => actions.Add(action);
        CodeFixContext context = document is Document code
            ? new CodeFixContext(code, diagnostic, Register, CancellationToken.None)
            : new CodeFixContext(document, diagnostic, Register, CancellationToken.None);
        await provider.RegisterCodeFixesAsync(context);
        return actions;
    }

    private static async Task<Solution> ApplyAsync(CodeAction action)
    {
        ImmutableArray<CodeActionOperation> operations = await action.GetOperationsAsync(CancellationToken.None);
        return Assert.IsType<ApplyChangesOperation>(Assert.Single(operations)).ChangedSolution;
    }
}

/// <summary>The text after a fix, the fix's title, and what the generator reports for the fixed text.</summary>
internal sealed record FixedSource(string Text, string Title, GeneratorRun Run);
