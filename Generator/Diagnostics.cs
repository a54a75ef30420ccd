using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using ModelDsl.Generator.Spec;

namespace ModelDsl.Generator
{
    /// <summary>
    /// The one catalog of ModelDsl diagnostics. IDs are stable; each has a section in docs/diagnostics.md.
    /// 0xxx: model and layers; 01xx: information; 02xx: training options; 03xx: YAML; 09xx: internal.
    /// </summary>
    internal static class Diagnostics
    {
        private const string Category = "ModelDsl";

        /// <summary>
        /// Where the project lives; help links point into its docs. Must equal RepositoryUrl in Directory.Build.props
        /// (a test checks): the generator cannot read MSBuild properties when it runs.
        /// </summary>
        internal const string RepositoryUrl = "https://github.com/modeldsl/modeldsl";

        /// <summary>Property of MDSL0012: the argument name as written.</summary>
        internal const string WrittenNameProperty = "ModelDsl.WrittenName";

        /// <summary>Property of MDSL0012: the valid argument name nearest to the written one (present only when one is near).</summary>
        internal const string SuggestedNameProperty = "ModelDsl.SuggestedName";

        /// <summary>Property of MDSL0020, present (value "true") when inserting a Flatten layer before the reported layer fixes it.</summary>
        internal const string InsertFlattenProperty = "ModelDsl.InsertFlatten";

        public static readonly DiagnosticDescriptor NotPartial = Error("MDSL0001", "Model class must be partial",
            "Model class '{0}' must be declared 'partial' so ModelDsl can generate its module");
        public static readonly DiagnosticDescriptor MissingInput = Error("MDSL0002", "Model has no input shape",
            "Model '{0}' has no input shape; declare it, e.g. [Model(1, 28, 28)] or 'input: [1, 28, 28]' (batch dimension excluded), or name a record: [Model(typeof(Applicant))] or 'features: My.App.Applicant'");
        public static readonly DiagnosticDescriptor InvalidInput = Error("MDSL0003", "Invalid input shape",
            "Input shape {0} of model '{1}' is invalid: every dimension must be at least 1");
        public static readonly DiagnosticDescriptor EmptyModel = Error("MDSL0004", "Model has no layers",
            "Model '{0}' declares no layers; add at least one layer such as [Dense(10)]");
        public static readonly DiagnosticDescriptor SplitDeclaration = Error("MDSL0005", "Layers declared on several partial declarations",
            "Layers of model '{0}' are declared on more than one partial declaration; their order would be ambiguous, declare them all on one");
        public static readonly DiagnosticDescriptor UnsupportedClass = Error("MDSL0006", "Unsupported model class",
            "Model class '{0}' cannot be generated: {1}");

        public static readonly DiagnosticDescriptor MissingModelAttribute = Warning("MDSL0007", "Layer attributes without [Model]",
            "Class '{0}' has a [{1}] attribute but no [Model]; nothing is generated for it. Add [Model(...)] with the input shape.");

        public static readonly DiagnosticDescriptor ReservedModelName = Error("MDSL0008", "Model name cannot be used",
            "Model name '{0}' cannot be used: {1}; choose another name");
        public static readonly DiagnosticDescriptor GeneratedTypeClash = Error("MDSL0009", "Generated types clash",
            "Model '{0}' would generate the type '{1}', which model '{2}' already generates; rename one of them");

        public static readonly DiagnosticDescriptor InvalidArgument = Error("MDSL0010", "Invalid layer argument",
            "'{0}' of layer '{1}' is {2}; expected {3}");
        public static readonly DiagnosticDescriptor MissingArgument = Error("MDSL0011", "Missing layer argument",
            "{0} needs '{1}'");
        public static readonly DiagnosticDescriptor UnknownArgument = Error("MDSL0012", "Unknown argument",
            "'{0}' is not an argument of {1}{2}");
        public static readonly DiagnosticDescriptor WrongArgumentType = Error("MDSL0013", "Wrong argument type",
            "'{0}' of {1} must be {2}, not {3}");
        public static readonly DiagnosticDescriptor UnknownLayerAttribute = Error("MDSL0015", "Unknown layer attribute",
            "[{0}] derives from LayerAttribute but is not a ModelDsl layer; layers are: {1}");
        public static readonly DiagnosticDescriptor UnknownValue = Error("MDSL0014", "Unknown value",
            "'{0}' is not a valid value for '{1}' of {2}; expected one of: {3}");

        public static readonly DiagnosticDescriptor ShapeMismatch = Error("MDSL0020", "Layer does not fit its input shape",
            "Layer '{0}' ({1}) expects {2} but receives shape {3}{4}");
        public static readonly DiagnosticDescriptor WindowTooLarge = Error("MDSL0021", "Kernel or pool larger than its input",
            "Layer '{0}' ({1}) has a window of {2} but its input {3} is only {4} long along that axis");
        public static readonly DiagnosticDescriptor HeadsDoNotDivide = Error("MDSL0022", "Attention heads do not divide the model width",
            "Layer '{0}' has {1} heads, which do not divide its input width {2}");
        public static readonly DiagnosticDescriptor ReshapeMismatch = Error("MDSL0023", "Reshape does not preserve the element count",
            "Layer '{0}' reshapes {1} ({2} elements) to {3}, which cannot hold the same number of elements");
        public static readonly DiagnosticDescriptor SoftmaxOnOneUnit = Error("MDSL0024", "Softmax over a single unit",
            "Layer '{0}' ends the model with a softmax over one unit, which always outputs 1; use Activation.Sigmoid for a binary output, or at least 2 units");
        public static readonly DiagnosticDescriptor EmbeddingNotFirst = Error("MDSL0025", "Embedding must read token ids",
            "Layer '{0}' ({2}) needs a 1-D sequence of token ids (a token-id input, or the first layer of a one-input model), but receives {1}");
        public static readonly DiagnosticDescriptor HiddenNotDivisibleByHeads = Error("MDSL0026", "Attention heads do not divide the hidden size",
            "Layer '{0}' has hidden size {1}, which its {2} attention heads do not divide; each head needs hidden / heads features");
        public static readonly DiagnosticDescriptor SequenceLongerThanPositions = Error("MDSL0027", "Sequence longer than the position embedding",
            "Layer '{0}' reads {1} tokens from '{2}', more than its max_positions {3}; shorten the input or raise max_positions");
        public static readonly DiagnosticDescriptor VocabularyMismatch = Error("MDSL0028", "Vocabulary differs from the token input's",
            "Layer '{0}' has a vocabulary of {1} token ids, but its input '{2}' declares {3}; they must be equal, since the ids index the layer's word embedding");
        public static readonly DiagnosticDescriptor PretrainedWithoutPaddingId = Error("MDSL0029", "Pretrained encoder reads tokens without a padding id",
            "Layer '{0}' loads pretrained weights from '{1}', but its input '{2}' declares no padding id, so the attention mask would treat padding as words; declare the vocabulary's [PAD] id ({3}; 0 in BERT-family uncased vocabularies, MiniLM's included)");
        public static readonly DiagnosticDescriptor DuplicateLayerName = Error("MDSL0030", "Duplicate node name",
            "Name '{0}' is used by more than one node (input or layer) of model '{1}'; node names, forward() locals and state-dict keys must be unique");
        public static readonly DiagnosticDescriptor InvalidLayerName = Error("MDSL0031", "Invalid layer name",
            "Layer name '{0}' is not a valid identifier (letters, digits and '_', not starting with a digit)");
        public static readonly DiagnosticDescriptor ReservedLayerName = Error("MDSL0032", "Reserved layer name",
            "Layer name '{0}' cannot be used: {1}; choose another name");
        public static readonly DiagnosticDescriptor UnknownNode = Error("MDSL0060", "Unknown node name",
            "{0} reads '{1}', which is not an input or layer of model '{2}'{3}");
        public static readonly DiagnosticDescriptor GraphCycle = Error("MDSL0061", "Layers form a cycle",
            "Layers of model '{0}' read each other in a cycle ({1}); a layer cannot depend on its own output");
        public static readonly DiagnosticDescriptor MergeShapeMismatch = Error("MDSL0062", "Merged shapes disagree",
            "Layer '{0}' ({1}) cannot merge {2} from '{3}' with {4} from '{5}': {6}");
        public static readonly DiagnosticDescriptor UnreachableInput = Error("MDSL0063", "Input does not reach the output",
            "Input '{0}' of model '{1}' does not reach its output '{2}'; read it from a layer on the way to the output, or remove it");
        public static readonly DiagnosticDescriptor UnusedNode = Warning("MDSL0064", "Layer output is never used",
            "The output of layer '{0}' is never used: no layer reads it and it is not the output '{1}' of model '{2}'");
        public static readonly DiagnosticDescriptor TokensToFloatLayer = Error("MDSL0065", "Token ids fed to a layer that needs floats",
            "Layer '{0}' ({1}) reads '{2}', which holds int64 token ids; feed them to an Embedding (or another layer that reads token ids) first");
        public static readonly DiagnosticDescriptor WrongInputCount = Error("MDSL0066", "Wrong number of layer inputs",
            "Layer '{0}' ({1}) reads {2} input{3}, but it takes {4}");
        public static readonly DiagnosticDescriptor FirstLayerInputUnclear = Error("MDSL0067", "First layer does not say which input it reads",
            "Layer '{0}' is the first layer and names no input, but model '{1}' has the inputs {2}; name the one it reads ({3})");
        public static readonly DiagnosticDescriptor InvalidInputDeclaration = Error("MDSL0068", "Invalid input declaration",
            "Input '{0}' of model '{1}' is not valid: {2}");
        public static readonly DiagnosticDescriptor TooLarge = Error("MDSL0040", "Model too large",
            "Layer '{0}' would have more than 2^53 parameters or elements; check its sizes");

        public static readonly DiagnosticDescriptor InvalidFeatureRecord = Error("MDSL0050", "Type cannot be a feature record",
            "'{0}' cannot be the input of model '{1}': {2}");
        public static readonly DiagnosticDescriptor UnsupportedFeature = Error("MDSL0051", "Property cannot be a model input",
            "Property '{0}' of '{1}' cannot be a model input: {2}");
        public static readonly DiagnosticDescriptor EmptyFeatureRecord = Error("MDSL0052", "Feature record has no properties",
            "'{0}' has no public readable instance properties, so model '{1}' would have no inputs");
        public static readonly DiagnosticDescriptor FeatureWidthMismatch = Error("MDSL0053", "Input shape disagrees with the feature record",
            "Model '{0}' declares input {1}, but its feature record '{2}' becomes {3} inputs; remove Input or make them agree");
        public static readonly DiagnosticDescriptor RecordNotBuildable = Warning("MDSL0054", "Feature record cannot be read from CSV",
            "No CSV reader is generated for '{0}' of model '{1}': {2}");
        public static readonly DiagnosticDescriptor ScaleNotOnNumber = Error("MDSL0055", "[Scale] on a property that is not a number",
            "[Scale] on property '{0}' of '{1}' has no effect: {2}");
        public static readonly DiagnosticDescriptor EmbedNotOnEnum = Error("MDSL0056", "[Embed] on a property that is not an enum",
            "[Embed] on property '{0}' of '{1}' cannot apply: {2}");
        public static readonly DiagnosticDescriptor InvalidEmbeddingSize = Error("MDSL0057", "Invalid embedding size",
            "The embedding size {0} of {1} is invalid: it must be from 1 to {2}");

        public static readonly DiagnosticDescriptor FinalActivationAtPrediction = Info("MDSL0100", "Final activation is applied at prediction only",
            "The final {0} of layer '{1}' is not applied in forward(), which returns logits for {2}; Probabilities() and the trainer's Predict apply it");

        public static readonly DiagnosticDescriptor LossDoesNotFitOutput = Error("MDSL0200", "Loss does not fit the output layer",
            "Loss '{0}' does not fit the output {1} of model '{2}': {3}");
        public static readonly DiagnosticDescriptor MetricDoesNotFitOutput = Error("MDSL0201", "Metric does not fit the task",
            "Metric '{0}' cannot be computed for a {1} model '{2}'");
        public static readonly DiagnosticDescriptor UnknownMonitor = Error("MDSL0202", "Monitor names a value that is not computed",
            "Monitor '{0}' is not computed for model '{1}'; computed: {2}");
        public static readonly DiagnosticDescriptor InvalidTrainingOption = Error("MDSL0203", "Invalid training option",
            "Training option '{0}' is {1}; expected {2}");
        public static readonly DiagnosticDescriptor ClassWeightsMismatch = Error("MDSL0204", "Class weights do not match the classes",
            "'class_weights' has {0} values but model '{1}' {2}");

        public static readonly DiagnosticDescriptor YamlSyntax = Error("MDSL0300", "YAML syntax error",
            "{0}");
        public static readonly DiagnosticDescriptor YamlUnknownKey = Error("MDSL0301", "Unknown key",
            "Unknown key '{0}' in {1}{2}");
        public static readonly DiagnosticDescriptor YamlWrongType = Error("MDSL0302", "Wrong value type",
            "'{0}' must be {1}");
        public static readonly DiagnosticDescriptor YamlUnknownLayer = Error("MDSL0303", "Unknown layer kind",
            "Unknown layer kind '{0}'{1}");
        public static readonly DiagnosticDescriptor YamlDuplicateKey = Error("MDSL0304", "Duplicate key",
            "Key '{0}' appears more than once in {1}");
        public static readonly DiagnosticDescriptor YamlMissingKey = Error("MDSL0305", "Missing key",
            "{0} needs the key '{1}'");
        public static readonly DiagnosticDescriptor DuplicateModelName = Error("MDSL0306", "Duplicate model name",
            "Model '{0}' is declared more than once (also in {1})");
        public static readonly DiagnosticDescriptor YamlNotAModel = Error("MDSL0307", "Not a model file",
            "{0}");

        public static readonly DiagnosticDescriptor InternalError = Error("MDSL0999", "ModelDsl generator error",
            "ModelDsl could not process model '{0}': {1}. Please report this.");

        private static readonly ImmutableDictionary<string, DiagnosticDescriptor> ById = typeof(Diagnostics)
            .GetFields()
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
            .ToImmutableDictionary(d => d.Id);

        /// <summary>Every descriptor, for tests and documentation checks.</summary>
        public static IEnumerable<DiagnosticDescriptor> All => ById.Values.OrderBy(d => d.Id);

        /// <summary>True when the descriptor with this id is an error.</summary>
        public static bool IsError(string id) => ById[id].DefaultSeverity == DiagnosticSeverity.Error;

        /// <summary>Turns a stored diagnostic into a Roslyn one at its file/line/column.</summary>
        public static Diagnostic ToDiagnostic(DiagnosticInfo info)
        {
            SourceSpan span = info.Span;
            var location = Location.Create(span.FilePath, new TextSpan(span.Start, span.Length),
                new LinePositionSpan(new LinePosition(span.StartLine, span.StartColumn), new LinePosition(span.EndLine, span.EndColumn)));
            ImmutableDictionary<string, string?> properties = info.Properties.ToImmutableDictionary(p => p.Key, p => (string?)p.Value);
            return Diagnostic.Create(ById[info.Id], location, properties, info.MessageArguments.Cast<object>().ToArray());
        }

        /// <summary>Creates the plain-data form of a diagnostic.</summary>
        public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, SourceSpan span, params string[] arguments) =>
            new(descriptor.Id, span, arguments.ToEquatableArray());

        private static DiagnosticDescriptor Error(string id, string title, string message) =>
            new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLink(id));

        private static DiagnosticDescriptor Warning(string id, string title, string message) =>
            new(id, title, message, Category, DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpLink(id));

        private static DiagnosticDescriptor Info(string id, string title, string message) =>
            new(id, title, message, Category, DiagnosticSeverity.Info, isEnabledByDefault: true, helpLinkUri: HelpLink(id));

        /// <summary>The diagnostic's section of docs/diagnostics.md on the project site; an absolute URL so IDEs can open it.</summary>
        private static string HelpLink(string id) => RepositoryUrl + "/blob/main/docs/diagnostics.md#" + id.ToLowerInvariant();
    }
}
