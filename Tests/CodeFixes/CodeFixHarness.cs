using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
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
    public static Task<FixedSource> FixCSharpAsync(CodeFixProvider provider, string id, string marked) => FixAsync(provider, id, marked, yaml: false);

    /// <summary>The same for a <c>*.model.yaml</c> file (an additional document of the project).</summary>
    public static Task<FixedSource> FixYamlAsync(CodeFixProvider provider, string id, string marked) => FixAsync(provider, id, marked, yaml: true);

    /// <summary>The fixes offered for <paramref name="id"/> at the marked place of a C# file (for cases where none should be).</summary>
    public static async Task<IReadOnlyList<CodeAction>> OfferedInCSharpAsync(CodeFixProvider provider, string id, string marked) =>
        (await OfferAsync(provider, id, marked, yaml: false)).Actions;

    /// <summary>The same for a <c>*.model.yaml</c> file.</summary>
    public static async Task<IReadOnlyList<CodeAction>> OfferedInYamlAsync(CodeFixProvider provider, string id, string marked) =>
        (await OfferAsync(provider, id, marked, yaml: true)).Actions;

    private static async Task<FixedSource> FixAsync(CodeFixProvider provider, string id, string marked, bool yaml)
    {
        (TextDocument document, IReadOnlyList<CodeAction> actions) = await OfferAsync(provider, id, marked, yaml);
        CodeAction action = Assert.Single(actions);
        ImmutableArray<CodeActionOperation> operations = await action.GetOperationsAsync(CancellationToken.None);
        Solution fixedSolution = Assert.IsType<ApplyChangesOperation>(Assert.Single(operations)).ChangedSolution;
        TextDocument fixedDocument = yaml ? fixedSolution.GetAdditionalDocument(document.Id)! : fixedSolution.GetDocument(document.Id)!;
        string text = (await fixedDocument.GetTextAsync()).ToString();
        return new FixedSource(text, action.Title, Run(text, yaml));
    }

    /// <summary>Runs the generator over the marked text, finds the diagnostic, and collects the fixes the provider registers for it.</summary>
    private static async Task<(TextDocument Document, IReadOnlyList<CodeAction> Actions)> OfferAsync(CodeFixProvider provider, string id, string marked, bool yaml)
    {
        (string text, TextSpan expected) = ParseMarkup(marked);
        Diagnostic diagnostic = Find(Run(text, yaml), id, yaml ? YamlPath : CSharpPath, text, expected);
        Assert.Contains(diagnostic.Id, provider.FixableDiagnosticIds);
        TextDocument document = CreateDocument(text, yaml);
        var actions = new List<CodeAction>();
        void Register(CodeAction action, ImmutableArray<Diagnostic> fixes) => actions.Add(action);
        CodeFixContext context = document is Document code
            ? new CodeFixContext(code, diagnostic, Register, CancellationToken.None)
            : new CodeFixContext(document, diagnostic, Register, CancellationToken.None);
        await provider.RegisterCodeFixesAsync(context);
        return (document, actions);
    }

    private static GeneratorRun Run(string text, bool yaml) => yaml ? RunYaml(text) : GeneratorHarness.Run(text);

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

    /// <summary>A C# project with the runtime's references holding the text as <c>Model0.cs</c>, or as a YAML additional document.</summary>
    private static TextDocument CreateDocument(string text, bool yaml)
    {
        var workspace = new AdhocWorkspace();
        CSharpCompilation references = GeneratorHarness.Compilation();
        Project project = workspace.AddProject(ProjectInfo.Create(ProjectId.CreateNewId(), VersionStamp.Default, "FixTest", "FixTest",
            LanguageNames.CSharp, compilationOptions: references.Options, parseOptions: GeneratorHarness.ParseOptions,
            metadataReferences: references.References));
        return yaml
            ? project.AddAdditionalDocument(Path.GetFileName(YamlPath), SourceText.From(text), filePath: YamlPath)
            : project.AddDocument(CSharpPath, SourceText.From(text), filePath: CSharpPath);
    }
}

/// <summary>The text after a fix, the fix's title, and what the generator reports for the fixed text.</summary>
internal sealed record FixedSource(string Text, string Title, GeneratorRun Run);
