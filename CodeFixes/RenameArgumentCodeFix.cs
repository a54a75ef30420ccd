using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;
using ModelDsl.Generator;

namespace ModelDsl.CodeFixes
{
    /// <summary>
    /// MDSL0012 in a <c>*.model.yaml</c> file: renames the misspelt key to the generator's did-you-mean suggestion, which
    /// the diagnostic carries (<see cref="Diagnostics.SuggestedNameProperty"/>). In C# a misspelt named argument is a
    /// compiler error (CS0246) before the generator sees it, so this diagnostic arises in YAML only.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RenameArgumentCodeFix),
        DocumentKinds = new[] { nameof(TextDocumentKind.AdditionalDocument) }, DocumentExtensions = new[] { ".yaml" }), Shared]
    public sealed class RenameArgumentCodeFix : CodeFixProvider
    {
        /// <inheritdoc />
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Diagnostics.UnknownArgument.Id);

        /// <summary>None: each rename is a guess for one misspelling, to be confirmed one at a time.</summary>
        public override FixAllProvider? GetFixAllProvider() => null;

        /// <inheritdoc />
        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            TextDocument document = context.TextDocument;
            SourceText text = await document.GetTextAsync(context.CancellationToken).ConfigureAwait(false);
            foreach (Diagnostic diagnostic in context.Diagnostics)
            {
                if (!diagnostic.Properties.TryGetValue(Diagnostics.WrittenNameProperty, out string? written) || written is null ||
                    !diagnostic.Properties.TryGetValue(Diagnostics.SuggestedNameProperty, out string? suggested) || suggested is null ||
                    YamlText.FindKey(text, diagnostic.Location.GetLineSpan().StartLinePosition, written) is not { } key)
                    continue;
                Solution solution = document.Project.Solution;
                SourceText renamed = text.WithChanges(new TextChange(key, suggested));
                context.RegisterCodeFix(CodeAction.Create($"Change '{written}' to '{suggested}'",
                    _ => Task.FromResult(solution.WithAdditionalDocumentText(document.Id, renamed)),
                    equivalenceKey: nameof(RenameArgumentCodeFix) + ":" + suggested), diagnostic);
            }
        }
    }
}
