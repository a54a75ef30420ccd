using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ModelDsl.Generator;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace ModelDsl.CodeFixes
{
    /// <summary>MDSL0001: adds <c>partial</c> to a model class, just before its <c>class</c> keyword (the only place C# allows it).</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddPartialCodeFix)), Shared]
    public sealed class AddPartialCodeFix : CodeFixProvider
    {
        /// <inheritdoc />
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Diagnostics.NotPartial.Id);

        /// <inheritdoc />
        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        /// <inheritdoc />
        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root?.FindNode(context.Span).FirstAncestorOrSelf<TypeDeclarationSyntax>() is not { } declaration ||
                declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
                return;
            Document document = context.Document;
            context.RegisterCodeFix(CodeAction.Create($"Make '{declaration.Identifier.ValueText}' partial",
                _ => Task.FromResult(document.WithSyntaxRoot(root.ReplaceNode(declaration, AddPartial(declaration)))),
                equivalenceKey: nameof(AddPartialCodeFix)), context.Diagnostics);
        }

        private static SyntaxNode AddPartial(TypeDeclarationSyntax declaration)
        {
            // Without other modifiers the keyword carries the line's indentation: the new first token takes it over.
            SyntaxToken keyword = declaration.Keyword;
            SyntaxToken partial = Token(keyword.LeadingTrivia, SyntaxKind.PartialKeyword, TriviaList(Space));
            return declaration.WithKeyword(keyword.WithLeadingTrivia()).WithModifiers(declaration.Modifiers.Add(partial));
        }
    }
}
