using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ModelDsl.Generator.Layers;
using ModelDsl.Generator.Spec;

namespace ModelDsl.Generator.Parsing
{
    /// <summary>
    /// The attribute front end: turns a class marked <c>[Model]</c> and its layer/<c>[Train]</c> attributes into a
    /// <see cref="ModelSpec"/>, keeping only plain data (names, values, file/line spans).
    /// </summary>
    internal static class AttributeModelParser
    {
        public const string ModelAttributeName = "ModelDsl.ModelAttribute";
        internal const string LayerAttributeBase = "ModelDsl.LayerAttribute";
        internal const string TrainAttributeName = "ModelDsl.TrainAttribute";
        internal const string InputAttributeName = "ModelDsl.InputAttribute";
        private const string ModuleTypePrefix = "TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, ";

        public static ParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            var type = (INamedTypeSymbol)context.TargetSymbol;
            var declaration = (TypeDeclarationSyntax)context.TargetNode;
            var diagnostics = new List<DiagnosticInfo>();
            if (!IsFirstModelDeclaration(type, declaration, context.SemanticModel.Compilation, cancellationToken))
            {
                // [Model] on two partial declarations: the compiler reports the duplicate attribute (CS0579); the first
                // declaration describes the model, and this one must not emit it a second time.
                return new ParseResult(null, EquatableArray<DiagnosticInfo>.Empty);
            }
            SourceSpan classSpan = Span(declaration.Identifier.GetLocation());

            if (!declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
                diagnostics.Add(Diagnostics.Create(Diagnostics.NotPartial, classSpan, type.Name));
            if (type.ContainingType is not null)
                diagnostics.Add(Diagnostics.Create(Diagnostics.UnsupportedClass, classSpan, type.Name, "nested classes are not supported; declare it at namespace level"));
            if (type.IsFileLocal)
                diagnostics.Add(Diagnostics.Create(Diagnostics.UnsupportedClass, classSpan, type.Name,
                    "a file-local class cannot have parts generated in another file; make it internal or public"));
            if (type.IsGenericType)
                diagnostics.Add(Diagnostics.Create(Diagnostics.UnsupportedClass, classSpan, type.Name, "generic classes are not supported"));
            if (declaration is RecordDeclarationSyntax)
                diagnostics.Add(Diagnostics.Create(Diagnostics.UnsupportedClass, classSpan, type.Name, "a record cannot derive from TorchSharp's Module; declare a partial class"));
            else if (type.BaseType is { TypeKind: not TypeKind.Error, SpecialType: not SpecialType.System_Object } baseType && !baseType.ToDisplayString().StartsWith(ModuleTypePrefix, System.StringComparison.Ordinal))
                diagnostics.Add(Diagnostics.Create(Diagnostics.UnsupportedClass, classSpan, type.Name,
                    $"it derives from '{baseType.ToDisplayString()}', but the generated module derives from TorchSharp's Module<Tensor, Tensor>; remove the base class"));
            if (type.IsStatic || type.IsAbstract)
                diagnostics.Add(Diagnostics.Create(Diagnostics.UnsupportedClass, classSpan, type.Name, "the class must not be static or abstract"));

            foreach (IMethodSymbol constructor in type.InstanceConstructors.Where(c => !c.IsImplicitlyDeclared))
                diagnostics.Add(Diagnostics.Create(Diagnostics.UnsupportedClass,
                    constructor.Locations.FirstOrDefault(l => l.IsInSource) is { } at ? Span(at) : classSpan, type.Name,
                    "it declares a constructor, but the generated module defines the constructor that creates the layers; remove it " +
                    "(create instances with 'new " + type.Name + "(device)' or a static factory method)"));

            AttributeData modelAttribute = context.Attributes[0];
            SourceSpan modelSpan = SpanOf(modelAttribute) ?? classSpan;
            EquatableArray<long> input = default;
            SourceSpan inputSpan = modelSpan;
            FeatureRecordSpec? features = null;
            NodeReference? output = null;
            long embedEnums = 0;
            SourceSpan? embedEnumsSpan = null;
            foreach ((string name, TypedConstant value, SourceSpan? span) in Arguments(modelAttribute))
            {
                if (Names.Normalize(name) == "embedenums" && value.Value is int size)
                {
                    embedEnums = size;
                    embedEnumsSpan = span ?? modelSpan;
                }
                else if (Names.Normalize(name) == "output" && value.Value is string outputName)
                    output = new NodeReference(outputName, span ?? modelSpan);
                else if (Names.Normalize(name) == "input" && value.Kind == TypedConstantKind.Array && !value.IsNull && value.Values.Length > 0)
                {
                    input = value.Values.Select(v => System.Convert.ToInt64(v.Value)).ToEquatableArray();
                    inputSpan = span ?? modelSpan;
                }
                else if (Names.Normalize(name) == "features")
                {
                    features = value.Value is ITypeSymbol record
                        ? FeatureRecordReader.Read(record, span ?? modelSpan, type.DeclaredAccessibility == Accessibility.Public)
                        : new FeatureRecordSpec("", "?", "the type cannot be found", EquatableArray<FeatureSpec>.Empty, span ?? modelSpan);
                }
            }

            var layers = new List<LayerSpec>();
            var inputs = new List<InputSpec>();
            var training = new List<Argument>();
            SourceSpan trainingSpan = modelSpan;
            var layerDeclarations = new HashSet<SyntaxTree>();
            var layerParents = new HashSet<SyntaxNode>();
            foreach (AttributeData attribute in type.GetAttributes())
            {
                cancellationToken.ThrowIfCancellationRequested();
                INamedTypeSymbol? attributeClass = attribute.AttributeClass;
                if (attributeClass is null)
                    continue;
                SourceSpan span = SpanOf(attribute) ?? classSpan;
                if (attributeClass.ToDisplayString() == InputAttributeName)
                {
                    if (ReadInput(attribute, span, type, ref features, diagnostics, cancellationToken) is { } declared)
                        inputs.Add(declared);
                }
                else if (attributeClass.ToDisplayString() == TrainAttributeName)
                {
                    trainingSpan = span;
                    training.AddRange(Arguments(attribute).Select(a => ToArgument(a.Name, a.Value, a.Span ?? span)));
                }
                else if (DerivesFrom(attributeClass, LayerAttributeBase))
                {
                    string kind = attributeClass.Name.EndsWith("Attribute", System.StringComparison.Ordinal)
                        ? attributeClass.Name.Substring(0, attributeClass.Name.Length - "Attribute".Length)
                        : attributeClass.Name;
                    // Only ModelDsl's own attributes are layers; a user subclass would otherwise vanish from the model unseen.
                    if (attributeClass.ContainingNamespace.ToDisplayString() != "ModelDsl" || LayerCatalog.Find(kind) is null)
                    {
                        diagnostics.Add(Diagnostics.Create(Diagnostics.UnknownLayerAttribute, span, attributeClass.Name,
                            string.Join(", ", LayerCatalog.Kinds.Select(k => "[" + k + "]"))));
                        continue;
                    }
                    var all = Arguments(attribute).ToList();
                    // From/Inputs wire the graph; they are not arguments of the layer kind (nor part of a chain's spec hash).
                    var wiring = all.Where(a => Names.Normalize(a.Name) is "from" or "inputs").ToList();
                    var arguments = all.Except(wiring).Select(a => ToArgument(a.Name, a.Value, a.Span ?? span)).ToEquatableArray();
                    layers.Add(new LayerSpec(kind, arguments, span)
                    {
                        Inputs = wiring.SelectMany(a => References(a.Value, a.Span ?? span, attribute, a.Name, cancellationToken)).ToEquatableArray(),
                        InputsSpan = wiring.Count > 0 ? wiring[0].Span ?? span : null,
                    });
                    if (attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is { } syntax &&
                        syntax.FirstAncestorOrSelf<TypeDeclarationSyntax>() is { } owner)
                        layerParents.Add(owner);
                }
            }
            if (layerParents.Count > 1)
                diagnostics.Add(Diagnostics.Create(Diagnostics.SplitDeclaration, classSpan, type.Name));

            string ns = NamespaceOf(type);
            string accessibility = type.DeclaredAccessibility == Accessibility.Public ? "public" : "internal";
            var spec = new ModelSpec(ModelSource.Attributes, ns, type.Name, accessibility, input, modelSpan, inputSpan,
                layers.ToEquatableArray(), training.ToEquatableArray(), trainingSpan)
            {
                Features = features,
                EmbedEnums = embedEnums,
                EmbedEnumsSpan = embedEnumsSpan,
                Inputs = inputs.ToEquatableArray(),
                Output = output,
                DeclaredMembers = DeclaredMembers(type, classSpan),
            };
            return new ParseResult(spec, diagnostics.ToEquatableArray());
        }

        /// <summary>
        /// Reads one <c>[Input(...)]</c>; a record input also sets the model's feature record (the checker refuses a second one).
        /// </summary>
        private static InputSpec? ReadInput(AttributeData attribute, SourceSpan span, INamedTypeSymbol model, ref FeatureRecordSpec? features,
            List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
        {
            string name = "";
            SourceSpan nameSpan = span;
            var shape = EquatableArray<long>.Empty;
            long vocabulary = 0, paddingId = -1;
            ITypeSymbol? record = null;
            bool hasRecord = false;
            foreach ((string argument, TypedConstant value, SourceSpan? at) in Arguments(attribute))
            {
                switch (Names.Normalize(argument))
                {
                    case "name":
                        name = value.Value as string ?? "";
                        nameSpan = at ?? span;
                        break;
                    case "shape" when value.Kind == TypedConstantKind.Array && !value.IsNull:
                        shape = value.Values.Select(v => System.Convert.ToInt64(v.Value, System.Globalization.CultureInfo.InvariantCulture)).ToEquatableArray();
                        break;
                    case "record":
                        hasRecord = true;
                        record = value.Value as ITypeSymbol;
                        break;
                    case "vocabulary":
                        vocabulary = System.Convert.ToInt64(value.Value, System.Globalization.CultureInfo.InvariantCulture);
                        break;
                    case "paddingid":
                        paddingId = System.Convert.ToInt64(value.Value, System.Globalization.CultureInfo.InvariantCulture);
                        break;
                }
            }
            if (hasRecord)
            {
                FeatureRecordSpec read = record is null
                    ? new FeatureRecordSpec("", "?", "the type cannot be found", EquatableArray<FeatureSpec>.Empty, span)
                    : FeatureRecordReader.Read(record, span, model.DeclaredAccessibility == Accessibility.Public);
                if (features is null)
                    features = read;
                else
                    diagnostics.Add(Diagnostics.Create(Diagnostics.InvalidInputDeclaration, span, name, model.Name,
                        "a model has at most one record input (its featurizer); join the records into one type"));
                return new InputSpec(name, InputKind.Record, EquatableArray<long>.Empty, 0, -1, nameSpan);
            }
            return new InputSpec(name, vocabulary > 0 ? InputKind.Tokens : InputKind.Tensor, shape, vocabulary, paddingId, nameSpan);
        }

        /// <summary>The node names of a <c>From</c>/<c>Inputs</c> argument, each at its own string literal when it can be found.</summary>
        private static IEnumerable<NodeReference> References(TypedConstant value, SourceSpan span, AttributeData attribute, string argumentName,
            CancellationToken cancellationToken)
        {
            var names = value.Kind == TypedConstantKind.Array
                ? (value.IsNull ? new List<string>() : value.Values.Select(v => v.Value as string ?? "").ToList())
                : new List<string> { value.Value as string ?? "" };
            var literals = (attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax)?.ArgumentList?.Arguments
                .FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == argumentName)?.Expression
                .DescendantNodesAndSelf().OfType<LiteralExpressionSyntax>().Where(l => l.IsKind(SyntaxKind.StringLiteralExpression)).ToList();
            for (int i = 0; i < names.Count; i++)
                yield return new NodeReference(names[i], literals is not null && literals.Count == names.Count ? Span(literals[i].GetLocation()) : span);
        }

        private static bool IsFirstModelDeclaration(INamedTypeSymbol type, TypeDeclarationSyntax declaration, Compilation compilation,
            CancellationToken cancellationToken)
        {
            // Almost every model has one declaration; only partial ones need the semantic look at each declaration below,
            // which would otherwise run on every edit of the file.
            if (type.DeclaringSyntaxReferences.Length == 1)
                return true;
            // The compiler drops a duplicate [Model] from GetAttributes(), so look at each declaration's own attributes.
            TypeDeclarationSyntax? first = type.DeclaringSyntaxReferences
                .Select(r => r.GetSyntax(cancellationToken)).OfType<TypeDeclarationSyntax>()
                .Where(d => d.AttributeLists.SelectMany(l => l.Attributes).Any(a =>
                    compilation.GetSemanticModel(a.SyntaxTree).GetTypeInfo(a, cancellationToken).Type?.ToDisplayString() == ModelAttributeName))
                .OrderBy(d => d.SyntaxTree.FilePath, System.StringComparer.Ordinal).ThenBy(d => d.SpanStart)
                .FirstOrDefault();
            return first is null || first == declaration;
        }

        /// <summary>The namespace as plain dotted names (<c>@class</c> is stored as <c>class</c>; emitters escape it again).</summary>
        private static string NamespaceOf(INamedTypeSymbol type)
        {
            var parts = new List<string>();
            for (INamespaceSymbol? current = type.ContainingNamespace; current is { IsGlobalNamespace: false }; current = current.ContainingNamespace)
                parts.Insert(0, current.Name);
            return string.Join(".", parts);
        }

        /// <summary>Names of the members the user declared on the class (the generator's own output is not in this compilation).</summary>
        private static EquatableArray<DeclaredMember> DeclaredMembers(INamedTypeSymbol type, SourceSpan classSpan) =>
            type.GetMembers()
                .Where(m => !m.IsImplicitlyDeclared && m is not IMethodSymbol { MethodKind: MethodKind.Constructor or MethodKind.StaticConstructor })
                .Select(m => new DeclaredMember(m.Name, m.Locations.FirstOrDefault(l => l.IsInSource) is { } at ? Span(at) : classSpan))
                .ToEquatableArray();

        /// <summary>Constructor arguments (named by their parameter) followed by named arguments, each with its span in source.</summary>
        private static IEnumerable<(string Name, TypedConstant Value, SourceSpan? Span)> Arguments(AttributeData attribute)
        {
            var syntax = attribute.ApplicationSyntaxReference?.GetSyntax() as AttributeSyntax;
            var argumentSyntax = syntax?.ArgumentList?.Arguments ?? default;
            ImmutableArray<IParameterSymbol> parameters = attribute.AttributeConstructor?.Parameters ?? ImmutableArray<IParameterSymbol>.Empty;
            var positional = argumentSyntax.Where(a => a.NameEquals is null && a.NameColon is null).ToList();
            for (int i = 0; i < attribute.ConstructorArguments.Length && i < parameters.Length; i++)
            {
                // A params array spans every remaining positional argument.
                SourceSpan? span = i < positional.Count
                    ? parameters[i].IsParams && positional.Count > i + 1
                        ? Span(Location.Create(positional[i].SyntaxTree, Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(positional[i].SpanStart, positional[positional.Count - 1].Span.End)))
                        : Span(positional[i].GetLocation())
                    : null;
                NameColonSyntax? byName = argumentSyntax.FirstOrDefault(a => a.NameColon?.Name.Identifier.ValueText == parameters[i].Name)?.NameColon;
                if (byName is not null)
                    span = Span(byName.Parent!.GetLocation());
                yield return (parameters[i].Name, attribute.ConstructorArguments[i], span);
            }
            foreach (KeyValuePair<string, TypedConstant> named in attribute.NamedArguments)
            {
                AttributeArgumentSyntax? written = argumentSyntax.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == named.Key);
                yield return (named.Key, named.Value, written is null ? null : Span(written.GetLocation()));
            }
        }

        private static Argument ToArgument(string name, TypedConstant constant, SourceSpan span) =>
            new(name, Names.Normalize(name), Value(constant), span);

        private static ArgumentValue Value(TypedConstant constant)
        {
            if (constant.Kind == TypedConstantKind.Array)
            {
                ImmutableArray<TypedConstant> items = constant.IsNull ? ImmutableArray<TypedConstant>.Empty : constant.Values;
                ITypeSymbol? element = (constant.Type as IArrayTypeSymbol)?.ElementType;
                if (element?.TypeKind == TypeKind.Enum || element?.SpecialType == SpecialType.System_String)
                    return ArgumentValue.OfTexts(items.Select(i => Value(i).Text).ToEquatableArray());
                if (element?.SpecialType is SpecialType.System_Double or SpecialType.System_Single)
                    return ArgumentValue.OfNumbers(items.Select(i => System.Convert.ToDouble(i.Value, System.Globalization.CultureInfo.InvariantCulture)).ToEquatableArray());
                return ArgumentValue.OfIntegers(items.Select(i => System.Convert.ToInt64(i.Value, System.Globalization.CultureInfo.InvariantCulture)).ToEquatableArray());
            }
            if (constant.Kind == TypedConstantKind.Enum && constant.Type is INamedTypeSymbol enumType)
            {
                // Enum members arrive as numbers: store the member's name, which the checker matches to a value like "leaky_relu".
                IFieldSymbol? member = enumType.GetMembers().OfType<IFieldSymbol>()
                    .FirstOrDefault(f => f.HasConstantValue && Equals(f.ConstantValue, constant.Value));
                return ArgumentValue.OfText(member?.Name ?? System.Convert.ToString(constant.Value, System.Globalization.CultureInfo.InvariantCulture) ?? "");
            }
            return constant.Value switch
            {
                bool b => ArgumentValue.OfBoolean(b),
                string s => ArgumentValue.OfText(s),
                double d => ArgumentValue.OfNumber(d),
                float f => ArgumentValue.OfNumber(f),
                null => ArgumentValue.OfText(""),
                object o => ArgumentValue.OfInteger(System.Convert.ToInt64(o, System.Globalization.CultureInfo.InvariantCulture)),
            };
        }

        internal static bool DerivesFrom(INamedTypeSymbol type, string baseName)
        {
            for (INamedTypeSymbol? current = type.BaseType; current is not null; current = current.BaseType)
                if (current.ToDisplayString() == baseName)
                    return true;
            return false;
        }

        private static SourceSpan? SpanOf(AttributeData attribute) =>
            attribute.ApplicationSyntaxReference is { } reference
                ? Span(Location.Create(reference.SyntaxTree, reference.Span))
                : null;

        internal static SourceSpan Span(Location location)
        {
            FileLinePositionSpan lines = location.GetLineSpan();
            return new SourceSpan(lines.Path ?? "", location.SourceSpan.Start, location.SourceSpan.Length,
                lines.StartLinePosition.Line, lines.StartLinePosition.Character, lines.EndLinePosition.Line, lines.EndLinePosition.Character);
        }
    }
}
