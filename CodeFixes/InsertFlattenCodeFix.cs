using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using ModelDsl.Generator;

namespace ModelDsl.CodeFixes
{
    /// <summary>
    /// MDSL0020 on a Dense layer that receives a multi-dimensional input: inserts <c>[Flatten]</c> just before it. Offered
    /// only where the generator marked the diagnostic (<see cref="Diagnostics.InsertFlattenProperty"/>), since other
    /// shape errors are not fixed by flattening.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(InsertFlattenCodeFix)), Shared]
    public sealed class InsertFlattenCodeFix : CodeFixProvider
    {
        /// <inheritdoc />
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Diagnostics.ShapeMismatch.Id);

        /// <inheritdoc />
        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        /// <inheritdoc />
        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            Diagnostic? diagnostic = context.Diagnostics.FirstOrDefault(d => d.Properties.ContainsKey(Diagnostics.InsertFlattenProperty));
            if (diagnostic is null)
                return;
            Document document = context.Document;
            SyntaxNode? root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root?.FindNode(context.Span).FirstAncestorOrSelf<AttributeSyntax>() is not { Parent: AttributeListSyntax list } layer)
                return;
            context.RegisterCodeFix(CodeAction.Create($"Insert [Flatten] before [{layer.Name}]",
                async cancellationToken =>
                {
                    SemanticModel? model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
                    SourceText text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
                    AttributeSyntax flatten = AttributeEdits.Create(model, list.SpanStart, "Flatten");
                    int index = list.Attributes.IndexOf(layer);
                    SyntaxNode fixedRoot = list.Attributes.Count == 1
                        ? AttributeEdits.InsertListBefore(root, text, list, flatten)
                        : AttributeEdits.InsertIntoList(root, list, index, flatten);
                    return document.WithSyntaxRoot(fixedRoot);
                },
                equivalenceKey: nameof(InsertFlattenCodeFix)), diagnostic);
        }
    }
}
