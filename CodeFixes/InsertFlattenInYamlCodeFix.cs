using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;
using ModelDsl.Generator;

namespace ModelDsl.CodeFixes
{
    /// <summary>
    /// MDSL0020 on a dense layer of a <c>*.model.yaml</c> that receives a multi-dimensional input: inserts a
    /// <c>type: flatten</c> layer just before it (offered only where the generator set <see cref="Diagnostics.InsertFlattenProperty"/>).
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(InsertFlattenInYamlCodeFix),
        DocumentKinds = new[] { nameof(TextDocumentKind.AdditionalDocument) }, DocumentExtensions = new[] { ".yaml" }), Shared]
    public sealed class InsertFlattenInYamlCodeFix : CodeFixProvider
    {
        /// <inheritdoc />
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Diagnostics.ShapeMismatch.Id);

        /// <summary>None: the batch fixer edits C# documents.</summary>
        public override FixAllProvider? GetFixAllProvider() => null;

        /// <inheritdoc />
        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            Diagnostic? diagnostic = context.Diagnostics.FirstOrDefault(d => d.Properties.ContainsKey(Diagnostics.InsertFlattenProperty));
            if (diagnostic is null)
                return;
            TextDocument document = context.TextDocument;
            SourceText text = await document.GetTextAsync(context.CancellationToken).ConfigureAwait(false);
            if (YamlText.InsertLayerBefore(text, diagnostic.Location.GetLineSpan().StartLinePosition, "type: flatten", "{type: flatten}") is not { } insertion)
                return;
            Solution solution = document.Project.Solution;
            context.RegisterCodeFix(CodeAction.Create("Insert a flatten layer before it",
                _ => Task.FromResult(solution.WithAdditionalDocumentText(document.Id, text.WithChanges(insertion))),
                equivalenceKey: nameof(InsertFlattenInYamlCodeFix)), diagnostic);
        }
    }
}
