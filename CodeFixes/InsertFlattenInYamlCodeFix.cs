using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
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
    public sealed class InsertFlattenInYamlCodeFix : YamlTextCodeFix
    {
        /// <inheritdoc />
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Diagnostics.ShapeMismatch.Id);

        /// <inheritdoc />
        protected override (string Title, TextChange Change)? Change(SourceText text, Diagnostic diagnostic) =>
            diagnostic.Properties.ContainsKey(Diagnostics.InsertFlattenProperty) &&
            YamlText.InsertLayerBefore(text, diagnostic.Location.GetLineSpan().StartLinePosition, "type: flatten", "{type: flatten}") is { } insertion
                ? ("Insert a flatten layer before it", insertion)
                : null;
    }
}
