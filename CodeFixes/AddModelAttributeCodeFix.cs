using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using ModelDsl.Generator;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace ModelDsl.CodeFixes
{
    /// <summary>
    /// MDSL0007: adds <c>[Model(/* input shape */)]</c> before the class's first attribute. The input shape cannot be
    /// known from the layers, so the argument list is left empty: it compiles, and the generator then reports MDSL0002
    /// at the new attribute, whose message shows how to write the shape or name a feature record.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddModelAttributeCodeFix)), Shared]
    public sealed class AddModelAttributeCodeFix : CodeFixProvider
    {
        /// <summary>The comment left where the input shape goes.</summary>
        public const string Placeholder = "/* input shape */";

        /// <inheritdoc />
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Diagnostics.MissingModelAttribute.Id);

        /// <inheritdoc />
        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        /// <inheritdoc />
        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            Document document = context.Document;
            SyntaxNode? root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root?.FindNode(context.Span).FirstAncestorOrSelf<TypeDeclarationSyntax>() is not { AttributeLists.Count: > 0 } declaration)
                return;
            context.RegisterCodeFix(CodeAction.Create($"Add [Model] to '{declaration.Identifier.ValueText}'",
                async cancellationToken =>
                {
                    SemanticModel? model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
                    SourceText text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
                    AttributeListSyntax anchor = declaration.AttributeLists[0];
                    var arguments = AttributeArgumentList(Token(TriviaList(), SyntaxKind.OpenParenToken, TriviaList(Comment(Placeholder))),
                        SeparatedList<AttributeArgumentSyntax>(), AttributeEdits.Plain(SyntaxKind.CloseParenToken));
                    AttributeSyntax attribute = AttributeEdits.Create(model, anchor.SpanStart, "Model", arguments);
                    return document.WithSyntaxRoot(AttributeEdits.InsertListBefore(root, text, anchor, attribute));
                },
                equivalenceKey: nameof(AddModelAttributeCodeFix)), context.Diagnostics);
        }
    }
}
