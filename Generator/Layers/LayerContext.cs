using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using ModelDsl.Generator.Spec;

namespace ModelDsl.Generator.Layers
{
    /// <summary>What a layer's shape rule sees: its name, resolved arguments, input shape; and a way to report problems at the right place.</summary>
    internal sealed class LayerContext
    {
        private readonly Dictionary<string, Argument> _arguments;
        private readonly List<DiagnosticInfo> _diagnostics;

        public LayerContext(string name, string kind, IReadOnlyList<EquatableArray<long>> inputs, IReadOnlyList<string> inputNames,
            IEnumerable<Argument> arguments, SourceSpan layerSpan, List<DiagnosticInfo> diagnostics, ModelSource source = ModelSource.Attributes)
        {
            Source = source;
            Name = name;
            Kind = kind;
            Inputs = inputs;
            InputNames = inputNames;
            Input = inputs[0];
            LayerSpan = layerSpan;
            _arguments = arguments.ToDictionary(a => a.Key);
            _diagnostics = diagnostics;
        }

        public string Name { get; }

        /// <summary>The front end, so hints name layers the way the user writes them.</summary>
        public ModelSource Source { get; }

        /// <summary>A layer kind as the user's front end writes it: <c>[Flatten]</c>, or <c>a 'flatten' layer</c> in YAML.</summary>
        public string Written(string kind) =>
            Source == ModelSource.Yaml ? $"a '{Parsing.YamlModelParser.Snake(kind)}' layer" : "[" + kind + "]";

        public string Kind { get; }

        /// <summary>The shape of the first (for most layers, the only) input.</summary>
        public EquatableArray<long> Input { get; }

        /// <summary>Every input's shape, in the order the layer names them.</summary>
        public IReadOnlyList<EquatableArray<long>> Inputs { get; }

        /// <summary>The node each input comes from, for messages.</summary>
        public IReadOnlyList<string> InputNames { get; }

        public SourceSpan LayerSpan { get; }

        /// <summary>Per input, the vocabulary its token input declares, or 0 (floats, or token ids of undeclared vocabulary).</summary>
        public IReadOnlyList<long> InputVocabularies { get; init; } = System.Array.Empty<long>();

        /// <summary>Per input, the padding id its token input declares, or -1 (floats, or token ids without one).</summary>
        public IReadOnlyList<long> InputPaddingIds { get; init; } = System.Array.Empty<long>();

        public long Int(string name) => _arguments[Names.Normalize(name)].Value.Integer;

        public double Number(string name) => _arguments[Names.Normalize(name)].Value.Number;

        public bool Bool(string name) => _arguments[Names.Normalize(name)].Value.Boolean;

        public string Text(string name) => _arguments[Names.Normalize(name)].Value.Text;

        public EquatableArray<long> Ints(string name) => _arguments[Names.Normalize(name)].Value.Integers;

        /// <summary>The span of the argument when it was written, otherwise of the whole layer.</summary>
        public SourceSpan SpanOf(string name) =>
            _arguments.TryGetValue(Names.Normalize(name), out Argument? argument) && argument.Span is { } span ? span : LayerSpan;

        public void Report(DiagnosticDescriptor descriptor, SourceSpan span, params string[] arguments) =>
            _diagnostics.Add(Diagnostics.Create(descriptor, span, arguments));

        /// <summary>Reports an argument whose value is out of range; returns false so rules can <c>return Fail(...)</c>.</summary>
        public bool RequireAtLeast(string name, long minimum)
        {
            long value = Int(name);
            if (value >= minimum)
                return true;
            Report(Diagnostics.InvalidArgument, SpanOf(name), name, Name, value.ToString(CultureInfo.InvariantCulture),
                "at least " + minimum.ToString(CultureInfo.InvariantCulture));
            return false;
        }

        /// <summary>Reports a dropout-like fraction outside [0, 1); returns false so rules can stop.</summary>
        public bool RequireFraction(string name)
        {
            double value = Number(name);
            if (value >= 0 && value < 1)
                return true;
            Report(Diagnostics.InvalidArgument, SpanOf(name), name, Name, value.ToString("R", CultureInfo.InvariantCulture), "a value in [0, 1)");
            return false;
        }

        /// <summary>
        /// Reports an input of the wrong rank, with a hint when one helps; <paramref name="flattenFixes"/> marks it for the
        /// code fix that inserts a Flatten layer before this one.
        /// </summary>
        public void ReportShape(string expected, string hint = "", bool flattenFixes = false)
        {
            DiagnosticInfo diagnostic = Diagnostics.Create(Diagnostics.ShapeMismatch, LayerSpan, Name, Kind, expected, Shape.Display(Input), hint);
            _diagnostics.Add(flattenFixes
                ? diagnostic with { Properties = new[] { (Diagnostics.InsertFlattenProperty, "true") }.ToEquatableArray() }
                : diagnostic);
        }
    }
}
