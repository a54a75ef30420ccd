using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ModelDsl.Generator.Layers;
using ModelDsl.Generator.Spec;

namespace ModelDsl.Generator.Parsing
{
    /// <summary>
    /// Finds layer or <c>[Train]</c> attributes on a class that has no <c>[Model]</c>: without it nothing is generated,
    /// which would otherwise fail silently.
    /// </summary>
    internal static class UnmarkedModelDetector
    {
        private static readonly HashSet<string> DslAttributeNames = new(
            LayerCatalog.Kinds.Concat(new[] { "Train" }).SelectMany(k => new[] { k, k + "Attribute" }), StringComparer.Ordinal);

        /// <summary>Cheap syntactic filter: a type declaration carrying an attribute whose simple name is a DSL layer or Train.</summary>
        public static bool MayApply(SyntaxNode node) =>
            node is TypeDeclarationSyntax { AttributeLists.Count: > 0 } declaration &&
            declaration.AttributeLists.SelectMany(list => list.Attributes).Any(a => DslAttributeNames.Contains(SimpleName(a.Name)));

        /// <summary>The diagnostic for the first DSL attribute of this declaration when its type has no [Model], else null.</summary>
        public static DiagnosticInfo? Find(GeneratorSyntaxContext context, CancellationToken cancellationToken)
        {
            if (context.SemanticModel.GetDeclaredSymbol(context.Node, cancellationToken) is not INamedTypeSymbol type)
                return null;
            if (type.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == AttributeModelParser.ModelAttributeName))
                return null;
            foreach (AttributeData attribute in type.GetAttributes())
            {
                if (attribute.AttributeClass is not { } attributeClass || attribute.ApplicationSyntaxReference is not { } reference ||
                    !reference.SyntaxTree.Equals(context.Node.SyntaxTree) || !context.Node.Span.Contains(reference.Span))
                    continue;
                if (attributeClass.ToDisplayString() == AttributeModelParser.TrainAttributeName ||
                    AttributeModelParser.DerivesFrom(attributeClass, AttributeModelParser.LayerAttributeBase))
                    return Diagnostics.Create(Diagnostics.MissingModelAttribute, AttributeModelParser.Span(Location.Create(reference.SyntaxTree, reference.Span)),
                        type.Name, attributeClass.Name.Substring(0, attributeClass.Name.Length - "Attribute".Length));
            }
            return null;
        }

        private static string SimpleName(NameSyntax name) => name switch
        {
            QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
            AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            _ => "",
        };
    }
}
