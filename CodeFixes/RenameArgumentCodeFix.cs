using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
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
    public sealed class RenameArgumentCodeFix : YamlTextCodeFix
    {
        /// <inheritdoc />
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Diagnostics.UnknownArgument.Id);

        /// <inheritdoc />
        protected override (string Title, TextChange Change)? Change(SourceText text, Diagnostic diagnostic) =>
            diagnostic.Properties.TryGetValue(Diagnostics.WrittenNameProperty, out string? written) && written is not null &&
            diagnostic.Properties.TryGetValue(Diagnostics.SuggestedNameProperty, out string? suggested) && suggested is not null &&
            YamlText.FindKey(text, diagnostic.Location.GetLineSpan().StartLinePosition, written) is { } key
                ? ($"Change '{written}' to '{suggested}'", new TextChange(key, suggested))
                : null;
    }
}
