using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;

namespace ModelDsl.CodeFixes
{
    /// <summary>Base of the fixes that edit a <c>*.model.yaml</c> (an additional document) with one text change per diagnostic.</summary>
    public abstract class YamlTextCodeFix : CodeFixProvider
    {
        /// <summary>None: the batch fixer edits C# documents, and each YAML edit is for one place.</summary>
        public override FixAllProvider? GetFixAllProvider() => null;

        /// <inheritdoc />
        public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            TextDocument document = context.TextDocument;
            SourceText text = await document.GetTextAsync(context.CancellationToken).ConfigureAwait(false);
            foreach (Diagnostic diagnostic in context.Diagnostics)
            {
                if (Change(text, diagnostic) is not { } fix)
                    continue;
                Solution solution = document.Project.Solution;
                SourceText changed = text.WithChanges(fix.Change);
                context.RegisterCodeFix(CodeAction.Create(fix.Title,
                    _ => Task.FromResult(solution.WithAdditionalDocumentText(document.Id, changed)),
                    equivalenceKey: GetType().Name + ":" + fix.Title), diagnostic);
            }
        }

        /// <summary>The fix's title and edit for <paramref name="diagnostic"/>, or null when it does not apply (placed by its line and column).</summary>
        protected abstract (string Title, TextChange Change)? Change(SourceText text, Diagnostic diagnostic);
    }
}
