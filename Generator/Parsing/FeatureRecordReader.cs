using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using ModelDsl.Generator.Spec;

namespace ModelDsl.Generator.Parsing
{
    /// <summary>Reads the record of <c>[Model(typeof(T))]</c> into plain data: each public property with how it becomes inputs.</summary>
    internal static class FeatureRecordReader
    {
        private static readonly SymbolDisplayFormat Qualified = SymbolDisplayFormat.FullyQualifiedFormat;

        /// <param name="type">The type named by <c>typeof</c>.</param>
        /// <param name="typeofSpan">Where the <c>typeof</c> argument is.</param>
        /// <param name="modelIsPublic">Whether the model (and so its generated featurizer) is public, which needs a public record.</param>
        public static FeatureRecordSpec Read(ITypeSymbol type, SourceSpan typeofSpan, bool modelIsPublic)
        {
            string typeName = type.ToDisplayString(Qualified);
            string problem = type switch
            {
                { TypeKind: TypeKind.Error } => "the type cannot be found",
                { TypeKind: TypeKind.Enum } => "it is an enum; use a record with the enum as a property",
                { TypeKind: not (TypeKind.Class or TypeKind.Struct) } => $"it is {Article(type.TypeKind)}; declare a class, record or struct",
                { SpecialType: not SpecialType.None } => "it is a built-in type; declare a record whose properties are the inputs",
                INamedTypeSymbol { IsGenericType: true } => "generic types are not supported",
                _ when !EnclosingChainIs(type, a => a is Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal) =>
                    "it must be public or internal (and so must any type it is nested in) so the generated featurizer can read it",
                _ when modelIsPublic && !EnclosingChainIs(type, a => a == Accessibility.Public) => "it is not public but the model is, and the model's public featurizer and Predict take it; make the record public or the model internal",
                _ => "",
            };
            var properties = new List<FeatureSpec>();
            if (problem.Length == 0)
            {
                var chain = new Stack<ITypeSymbol>();
                for (ITypeSymbol? current = type; current is not null && current.SpecialType != SpecialType.System_Object && current.SpecialType != SpecialType.System_ValueType; current = current.BaseType)
                    chain.Push(current);
                foreach (ITypeSymbol declaring in chain)
                    foreach (IPropertySymbol property in declaring.GetMembers().OfType<IPropertySymbol>())
                        if (IsFeature(property) && !properties.Any(p => p.Name == property.Name))
                            properties.Add(Describe(property, typeofSpan));
            }
            return new FeatureRecordSpec(typeName, type.Name, problem, properties.ToEquatableArray(), typeofSpan);
        }

        /// <summary>Looks up the record a YAML spec names (<c>features:</c>) and reads it; other results pass through unchanged.</summary>
        public static ParseResult Resolve(ParseResult parsed, Compilation compilation)
        {
            if (parsed.Model is not { FeatureType: { } reference } model)
                return parsed;
            INamedTypeSymbol? type = compilation.GetTypeByMetadataName(reference.MetadataName);
            FeatureRecordSpec features = type is null
                ? new FeatureRecordSpec(reference.MetadataName, reference.MetadataName, "no type of that full name is in the compilation; write the namespace too, e.g. My.App.Applicant", EquatableArray<FeatureSpec>.Empty, reference.Span)
                : Read(type, reference.Span, modelIsPublic: model.Accessibility == "public");
            return parsed with { Model = model with { Features = features, FeatureType = null } };
        }

        /// <summary>True when the type and every type it is nested in have an accessibility <paramref name="allowed"/> accepts.</summary>
        private static bool EnclosingChainIs(ITypeSymbol type, System.Func<Accessibility, bool> allowed)
        {
            for (ITypeSymbol? current = type; current is not null; current = current.ContainingType)
                if (!allowed(current.DeclaredAccessibility))
                    return false;
            return true;
        }

        private static bool IsFeature(IPropertySymbol property) =>
            !property.IsStatic && !property.IsIndexer && !property.IsWriteOnly &&
            property.DeclaredAccessibility == Accessibility.Public &&
            property.GetMethod is { DeclaredAccessibility: Accessibility.Public } &&
            !IsIgnored(property);

        private const string IgnoreAttributeName = "ModelDsl.IgnoreAttribute";

        /// <summary>
        /// [Ignore] on the property, or on the positional record parameter that declares it (where C# puts an attribute
        /// written without <c>property:</c>).
        /// </summary>
        private static bool IsIgnored(IPropertySymbol property) =>
            HasIgnore(property.GetAttributes()) ||
            property.ContainingType.InstanceConstructors.Any(c => c.Parameters.Any(p => p.Name == property.Name && HasIgnore(p.GetAttributes())));

        private static bool HasIgnore(System.Collections.Immutable.ImmutableArray<AttributeData> attributes) =>
            attributes.Any(a => a.AttributeClass?.ToDisplayString() == IgnoreAttributeName);

        private static FeatureSpec Describe(IPropertySymbol property, SourceSpan fallback)
        {
            SourceSpan span = property.Locations.FirstOrDefault(l => l.IsInSource) is { } location ? AttributeModelParser.Span(location) : fallback;
            ITypeSymbol type = property.Type;
            if (type.TypeKind == TypeKind.Enum)
            {
                // One column per distinct value: an alias (B = A) names a value that already has its column.
                var seen = new HashSet<object?>();
                var members = type.GetMembers().OfType<IFieldSymbol>().Where(f => f.HasConstantValue && seen.Add(f.ConstantValue)).Select(f => f.Name).ToEquatableArray();
                return new FeatureSpec(property.Name, FeatureKind.Enum, type.ToDisplayString(Qualified), members, span);
            }
            FeatureKind kind = type.SpecialType switch
            {
                SpecialType.System_Boolean => FeatureKind.Boolean,
                SpecialType.System_Byte or SpecialType.System_SByte or SpecialType.System_Int16 or SpecialType.System_UInt16 or
                SpecialType.System_Int32 or SpecialType.System_UInt32 or SpecialType.System_Int64 or SpecialType.System_UInt64 or
                SpecialType.System_Single or SpecialType.System_Double or SpecialType.System_Decimal => FeatureKind.Number,
                _ => FeatureKind.Unsupported,
            };
            return new FeatureSpec(property.Name, kind, type.ToDisplayString(), EquatableArray<string>.Empty, span);
        }

        private static string Article(TypeKind kind) => kind switch
        {
            TypeKind.Interface => "an interface",
            TypeKind.Array => "an array",
            TypeKind.Delegate => "a delegate",
            TypeKind.Pointer => "a pointer",
            TypeKind.TypeParameter => "a type parameter",
            _ => "a " + kind.ToString().ToLowerInvariant(),
        };
    }
}
