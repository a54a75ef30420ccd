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
            return new FeatureRecordSpec(typeName, type.Name, problem, properties.ToEquatableArray(), typeofSpan)
            {
                Construction = problem.Length == 0 ? Construction(type, properties) : RecordConstruction.None,
            };
        }

        /// <summary>
        /// How the CSV reader builds the record: the public constructor that takes the most feature properties (by name,
        /// ignoring case, with the property's type; other parameters need defaults), then every other feature property
        /// with a public <c>set</c> or <c>init</c>. A get-only property that is not an auto-property is computed and not read.
        /// </summary>
        private static RecordConstruction Construction(ITypeSymbol type, List<FeatureSpec> features)
        {
            if (type.IsAbstract)
                return Unbuildable("it is abstract");
            var byName = new Dictionary<string, IPropertySymbol>(System.StringComparer.OrdinalIgnoreCase);
            foreach (IPropertySymbol property in Chain(type).SelectMany(t => t.GetMembers().OfType<IPropertySymbol>()))
                if (features.Any(f => f.Name == property.Name) && !byName.ContainsKey(property.Name))
                    byName.Add(property.Name, property);

            List<ConstructorArgument>? best = null;
            foreach (IMethodSymbol constructor in ((INamedTypeSymbol)type).InstanceConstructors)
            {
                if (constructor.DeclaredAccessibility != Accessibility.Public ||
                    constructor.Parameters.Length == 1 && SymbolEqualityComparer.Default.Equals(constructor.Parameters[0].Type, type))
                    continue;
                var arguments = new List<ConstructorArgument>();
                bool usable = true;
                foreach (IParameterSymbol parameter in constructor.Parameters)
                {
                    if (byName.TryGetValue(parameter.Name, out IPropertySymbol? property) && SymbolEqualityComparer.Default.Equals(parameter.Type, property.Type) &&
                        arguments.All(a => a.Property != property.Name))
                        arguments.Add(new ConstructorArgument(parameter.Name, property.Name));
                    else if (!parameter.HasExplicitDefaultValue)
                        usable = false;
                }
                if (usable && (best is null || arguments.Count > best.Count))
                    best = arguments;
            }
            if (best is null)
                return Unbuildable("it has no public constructor whose parameters are all properties (same name and type) or have default values");

            var initialized = new List<string>();
            foreach (FeatureSpec feature in features)
            {
                if (best.Any(a => a.Property == feature.Name))
                    continue;
                IPropertySymbol property = byName[feature.Name];
                if (property.SetMethod is { DeclaredAccessibility: Accessibility.Public })
                    initialized.Add(feature.Name);
                else if (IsAutoProperty(property))
                    return Unbuildable($"property '{feature.Name}' has no public set or init accessor, and no constructor parameter takes it");
            }
            foreach (IPropertySymbol property in Chain(type).SelectMany(t => t.GetMembers().OfType<IPropertySymbol>()))
                if (property.IsRequired && !features.Any(f => f.Name == property.Name))
                    return Unbuildable($"property '{property.Name}' is required but is not an input, so the file cannot set it");
            return new RecordConstruction("", best.ToEquatableArray(), initialized.ToEquatableArray());
        }

        private static RecordConstruction Unbuildable(string problem) =>
            new(problem, EquatableArray<ConstructorArgument>.Empty, EquatableArray<string>.Empty);

        /// <summary>The type and its base types, most derived first, without object and ValueType.</summary>
        private static IEnumerable<ITypeSymbol> Chain(ITypeSymbol type)
        {
            for (ITypeSymbol? current = type; current is not null && current.SpecialType != SpecialType.System_Object && current.SpecialType != SpecialType.System_ValueType; current = current.BaseType)
                yield return current;
        }

        /// <summary>True when the compiler made a backing field for the property, so it holds state a reader would have to set.</summary>
        private static bool IsAutoProperty(IPropertySymbol property) =>
            property.ContainingType.GetMembers().OfType<IFieldSymbol>().Any(f => SymbolEqualityComparer.Default.Equals(f.AssociatedSymbol, property));

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

        private const string ColumnAttributeName = "ModelDsl.ColumnAttribute";
        private const string ScaleAttributeName = "ModelDsl.ScaleAttribute";
        private const string EmbedAttributeName = "ModelDsl.EmbedAttribute";

        /// <summary>The <c>[Scale]</c> written on a property (or its positional parameter): the scale and where; Standard and null when none.</summary>
        private static (NumberScale Scale, SourceSpan? Span) ScaleOf(IPropertySymbol property)
        {
            AttributeData? attribute = AttributesOf(property).FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == ScaleAttributeName);
            if (attribute is null)
                return (NumberScale.Standard, null);
            // An undeclared value such as (FeatureScale)7 reads as -1: the checker reports it.
            int value = attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is int written ? written : -1;
            NumberScale scale = value is >= (int)NumberScale.Standard and <= (int)NumberScale.Robust ? (NumberScale)value : (NumberScale)(-1);
            return (scale, AttributeSpan(attribute, property));
        }

        /// <summary>
        /// The <c>[Embed]</c> written on a property: its size and where (0 and null when none). <c>[Embed]</c> without a size
        /// takes fastai's rule for <paramref name="members"/> values, min(600, round(1.6 · members^0.56)).
        /// </summary>
        private static (long Size, SourceSpan? Span) EmbedOf(IPropertySymbol property, int members)
        {
            AttributeData? attribute = AttributesOf(property).FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == EmbedAttributeName);
            if (attribute is null)
                return (0, null);
            long size = attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is int written
                ? written
                : System.Math.Max(1, System.Math.Min(600, (long)System.Math.Round(1.6 * System.Math.Pow(System.Math.Max(members, 1), 0.56), System.MidpointRounding.AwayFromZero)));
            return (size, AttributeSpan(attribute, property));
        }

        /// <summary>Where an attribute is written; the property when the attribute has no syntax (it came from metadata).</summary>
        private static SourceSpan AttributeSpan(AttributeData attribute, IPropertySymbol property) =>
            attribute.ApplicationSyntaxReference is { } reference
                ? AttributeModelParser.Span(Location.Create(reference.SyntaxTree, reference.Span))
                : property.Locations.FirstOrDefault(l => l.IsInSource) is { } location ? AttributeModelParser.Span(location) : new SourceSpan("", 0, 0, 0, 0, 0, 0);

        /// <summary>The attributes on a property and on the positional record parameter that declares it.</summary>
        private static IEnumerable<AttributeData> AttributesOf(IPropertySymbol property) =>
            property.GetAttributes().Concat(property.ContainingType.InstanceConstructors
                .SelectMany(c => c.Parameters).Where(p => p.Name == property.Name).SelectMany(p => p.GetAttributes()));
        private const string EnumMemberAttributeName = "System.Runtime.Serialization.EnumMemberAttribute";

        /// <summary>The header names of a property: its [Column] names (on the property or its positional parameter), else its own name.</summary>
        private static EquatableArray<string> ColumnNames(IPropertySymbol property)
        {
            List<string> names = AttributesOf(property).Where(a => a.AttributeClass?.ToDisplayString() == ColumnAttributeName).SelectMany(ColumnValues).Distinct().ToList();
            return (names.Count > 0 ? names : new List<string> { property.Name }).ToEquatableArray();
        }

        /// <summary>The codes a file may write for an enum member: its [Column] names and [EnumMember(Value = …)].</summary>
        private static EquatableArray<string> MemberCodes(IFieldSymbol member) =>
            member.GetAttributes().SelectMany(a => a.AttributeClass?.ToDisplayString() switch
            {
                ColumnAttributeName => ColumnValues(a),
                EnumMemberAttributeName => a.NamedArguments.Where(n => n.Key == "Value" && n.Value.Value is string { Length: > 0 }).Select(n => (string)n.Value.Value!),
                _ => Enumerable.Empty<string>(),
            }).Distinct().ToEquatableArray();

        /// <summary>The non-empty strings of <c>[Column("a", "b")]</c> (a params array), skipping nulls.</summary>
        private static IEnumerable<string> ColumnValues(AttributeData attribute) =>
            attribute.ConstructorArguments.SelectMany(argument => argument.Kind == TypedConstantKind.Array
                ? argument.IsNull ? Enumerable.Empty<TypedConstant>() : argument.Values
                : new[] { argument })
                .Select(v => v.Value as string).Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!.Trim());

        private static FeatureSpec Describe(IPropertySymbol property, SourceSpan fallback)
        {
            SourceSpan span = property.Locations.FirstOrDefault(l => l.IsInSource) is { } location ? AttributeModelParser.Span(location) : fallback;
            ITypeSymbol type = property.Type;
            if (type.TypeKind == TypeKind.Enum)
            {
                // One column per distinct value: an alias (B = A) names a value that already has its column.
                var seen = new HashSet<object?>();
                var fields = type.GetMembers().OfType<IFieldSymbol>().Where(f => f.HasConstantValue && seen.Add(f.ConstantValue)).ToList();
                var (embedSize, embedSpan) = EmbedOf(property, fields.Count);
                var (enumScale, enumScaleSpan) = ScaleOf(property);
                return new FeatureSpec(property.Name, FeatureKind.Enum, type.ToDisplayString(Qualified), fields.Select(f => f.Name).ToEquatableArray(), span)
                {
                    ColumnNames = ColumnNames(property),
                    MemberCodes = fields.Select(MemberCodes).ToEquatableArray(),
                    EmbedSize = embedSize,
                    EmbedSpan = embedSpan,
                    Scale = enumScale,
                    ScaleSpan = enumScaleSpan,
                };
            }
            FeatureKind kind = type.SpecialType switch
            {
                SpecialType.System_Boolean => FeatureKind.Boolean,
                SpecialType.System_Byte or SpecialType.System_SByte or SpecialType.System_Int16 or SpecialType.System_UInt16 or
                SpecialType.System_Int32 or SpecialType.System_UInt32 or SpecialType.System_Int64 or SpecialType.System_UInt64 or
                SpecialType.System_Single or SpecialType.System_Double or SpecialType.System_Decimal => FeatureKind.Number,
                _ => FeatureKind.Unsupported,
            };
            var (scale, scaleSpan) = ScaleOf(property);
            var (size, sizeSpan) = EmbedOf(property, 0);
            return new FeatureSpec(property.Name, kind, type.ToDisplayString(), EquatableArray<string>.Empty, span)
            {
                ColumnNames = ColumnNames(property),
                Scale = scale,
                ScaleSpan = scaleSpan,
                EmbedSize = size,
                EmbedSpan = sizeSpan,
            };
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
