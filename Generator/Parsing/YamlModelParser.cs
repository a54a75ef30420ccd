using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using ModelDsl.Generator.Layers;
using ModelDsl.Generator.Spec;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace ModelDsl.Generator.Parsing
{
    /// <summary>
    /// The YAML front end: turns a <c>*.model.yaml</c> file into the same <see cref="ModelSpec"/> the attribute front end
    /// produces. Keys and values are snake_case (<c>learning_rate</c>, <c>leaky_relu</c>); every problem is a diagnostic
    /// at the file's line and column.
    /// </summary>
    internal static class YamlModelParser
    {
        /// <summary>Larger files are refused: a model spec is a few hundred lines.</summary>
        public const int MaxLength = 512 * 1024;

        /// <summary>Deeper nesting is refused: a model spec nests three or four levels, and unbounded depth costs stack and time.</summary>
        public const int MaxDepth = 64;

        private static readonly string[] TopLevelKeys = { "name", "namespace", "input", "inputs", "features", "embed_enums", "layers", "output", "training" };

        private static readonly string[] InputKeys = { "shape", "tokens", "vocabulary", "padding_id", "record" };

        public static ParseResult Parse(string path, string? text)
        {
            var diagnostics = new List<DiagnosticInfo>();
            ParseResult Fail(int line, int column, string message)
            {
                diagnostics.Add(Diagnostics.Create(Diagnostics.YamlNotAModel, SourceSpan.At(path, line, column), message));
                return new ParseResult(null, diagnostics.ToEquatableArray());
            }

            if (text is null)
                return Fail(0, 0, $"'{path}' could not be read");
            if (text.Length > MaxLength)
                return Fail(0, 0, $"'{path}' is {text.Length / 1024} KB; model specs are limited to {MaxLength / 1024} KB");
            int invalid = text.IndexOf('\uFFFD');
            if (invalid >= 0)
            {
                (int line, int column) = Position(text, invalid);
                return Fail(line, column, $"'{path}' is not valid UTF-8 (first bad byte at line {line + 1}, column {column + 1})");
            }

            // YAML forbids tabs in indentation; YamlDotNet reports it without a usable position, so find it first.
            int tab = IndentationTab(text);
            if (tab >= 0)
            {
                (int line, int column) = Position(text, tab);
                diagnostics.Add(Diagnostics.Create(Diagnostics.YamlSyntax, SourceSpan.At(path, line, column), "YAML syntax error: a tab is used for indentation; indent with spaces"));
                return new ParseResult(null, diagnostics.ToEquatableArray());
            }

            YamlNode? root;
            var last = new Mark();
            try
            {
                root = Read(text, path, diagnostics, ref last);
            }
            catch (YamlException ex)
            {
                Mark at = ex.Start.Line > 1 || ex.Start.Column > 1 ? ex.Start : last;
                // YamlDotNet reports the end of the stream one line past a file without a final newline: clamp to the file.
                (int endLine, int endColumn) = Position(text, text.Length);
                int line = Math.Max(0, (int)at.Line - 1), column = Math.Max(0, (int)at.Column - 1);
                if (line > endLine)
                    (line, column) = (endLine, endColumn);
                diagnostics.Add(Diagnostics.Create(Diagnostics.YamlSyntax, SourceSpan.At(path, line, column),
                    ex is NestingTooDeepException ? TooDeepMessage : "YAML syntax error: " + FirstLine(ex.InnerException?.Message ?? ex.Message)));
                return new ParseResult(null, diagnostics.ToEquatableArray());
            }
            catch (InvalidOperationException)
            {
                // YamlDotNet throws this for some truncated flow collections; report where parsing stopped.
                diagnostics.Add(Diagnostics.Create(Diagnostics.YamlSyntax, SourceSpan.At(path, Math.Max(0, (int)last.Line - 1), Math.Max(0, (int)last.Column - 1)),
                    "YAML syntax error: a flow list or mapping ('[' or '{') is not closed"));
                return new ParseResult(null, diagnostics.ToEquatableArray());
            }
            if (root is null)
                return Fail(0, 0, $"'{path}' is empty; a model spec needs at least 'name', 'input' and 'layers'");
            if (root is not YamlMapping document)
                return Fail(root.Line, root.Column, "a model spec is a mapping with the keys name, input, layers and training");

            var keys = Entries(document, "the model spec", TopLevelKeys, path, diagnostics);
            SourceSpan modelSpan = SourceSpan.At(path, document.Line, document.Column);
            string name = "";
            if (keys.TryGetValue("name", out var nameEntry))
            {
                if (nameEntry.Value is YamlScalar { Value: var value } && Names.IsIdentifier(value))
                {
                    name = value;
                    modelSpan = SourceSpan.At(path, nameEntry.Value.Line, nameEntry.Value.Column, value.Length);
                }
                else
                    WrongType(path, nameEntry.Value, "name", "a C# identifier (the class name)", diagnostics);
            }
            else
                diagnostics.Add(Diagnostics.Create(Diagnostics.YamlMissingKey, SourceSpan.At(path, document.Line, document.Column), "The model spec", "name"));

            string ns = "ModelDsl.Generated";
            if (keys.TryGetValue("namespace", out var nsEntry))
            {
                if (nsEntry.Value is YamlScalar { Value: var value } && value.Split('.').All(Names.IsIdentifier))
                    ns = value;
                else
                    WrongType(path, nsEntry.Value, "namespace", "a dotted namespace such as My.Models", diagnostics);
            }

            EquatableArray<long> input = default;
            SourceSpan inputSpan = modelSpan;
            if (keys.TryGetValue("input", out var inputEntry))
            {
                inputSpan = SourceSpan.At(path, inputEntry.Value.Line, inputEntry.Value.Column);
                if (inputEntry.Value is YamlSequence dims && dims.Items.Count > 0 && dims.Items.All(i => i is YamlScalar s && !s.Quoted && long.TryParse(s.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)))
                    input = dims.Items.Select(i => long.Parse(((YamlScalar)i).Value, CultureInfo.InvariantCulture)).ToEquatableArray();
                else
                    WrongType(path, inputEntry.Value, "input", "a list of integers such as [1, 28, 28] (batch dimension excluded)", diagnostics);
            }

            FeatureTypeReference? featureType = null;
            if (keys.TryGetValue("features", out var featuresEntry))
            {
                if (featuresEntry.Value is YamlScalar { Quoted: false, Value: var value } && value.Split('.').All(Names.IsIdentifier))
                    featureType = new FeatureTypeReference(value, SourceSpan.At(path, featuresEntry.Value.Line, featuresEntry.Value.Column, value.Length));
                else
                    WrongType(path, featuresEntry.Value, "features", "the full name of a record type, such as My.App.Applicant", diagnostics);
            }

            long embedEnums = 0;
            SourceSpan? embedEnumsSpan = null;
            if (keys.TryGetValue("embed_enums", out var embedEntry))
            {
                if (embedEntry.Value is YamlScalar { Quoted: false } embedScalar && long.TryParse(embedScalar.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long size))
                {
                    embedEnums = size;
                    embedEnumsSpan = SourceSpan.At(path, embedEntry.Value.Line, embedEntry.Value.Column, embedScalar.Value.Length);
                }
                else
                    WrongType(path, embedEntry.Value, "embed_enums", "an integer: the embedding size of every enum of the record without [Embed] (0: one-hot)", diagnostics);
            }

            var inputs = new List<InputSpec>();
            if (keys.TryGetValue("inputs", out var inputsEntry))
            {
                if (inputsEntry.Value is YamlMapping declared)
                {
                    foreach (var pair in Entries(declared, "inputs", null, path, diagnostics))
                        if (ParseInput(path, pair.Value.Key, pair.Value.Value, ref featureType, name, diagnostics) is { } parsed)
                            inputs.Add(parsed);
                }
                else
                    WrongType(path, inputsEntry.Value, "inputs", "a mapping of input names to shapes, e.g. prices: [30, 4], or to { tokens: 24, vocabulary: 30522 } or { record: My.App.Applicant }", diagnostics);
            }

            NodeReference? output = null;
            if (keys.TryGetValue("output", out var outputEntry))
            {
                if (outputEntry.Value is YamlScalar { Value: var value } && value.Length > 0)
                    output = new NodeReference(value, SourceSpan.At(path, outputEntry.Value.Line, outputEntry.Value.Column, value.Length));
                else
                    WrongType(path, outputEntry.Value, "output", "the name of the layer whose output is the model's output", diagnostics);
            }

            var layers = new List<LayerSpec>();
            if (keys.TryGetValue("layers", out var layersEntry))
            {
                if (layersEntry.Value is YamlSequence list)
                {
                    foreach (YamlNode item in list.Items)
                        if (ParseLayer(path, item, diagnostics) is { } layer)
                            layers.Add(layer);
                }
                else
                    WrongType(path, layersEntry.Value, "layers", "a list of layers, each a mapping with a 'type'", diagnostics);
            }

            var training = new List<Argument>();
            SourceSpan trainingSpan = modelSpan;
            if (keys.TryGetValue("training", out var trainingEntry))
            {
                trainingSpan = SourceSpan.At(path, trainingEntry.Key.Line, trainingEntry.Key.Column, "training".Length);
                if (trainingEntry.Value is YamlMapping options)
                {
                    foreach (var pair in Entries(options, "training", null, path, diagnostics))
                    {
                        string key = pair.Key;
                        var value = pair.Value;
                        if (ToValue(value) is { } argument)
                            training.Add(new Argument(key, Names.Normalize(key), argument, KeySpan(path, value.Key)));
                        else
                            WrongType(path, value.Value, key, "a scalar or a list of scalars", diagnostics);
                    }
                }
                else
                    WrongType(path, trainingEntry.Value, "training", "a mapping of training options", diagnostics);
            }

            if (name.Length == 0)
                return new ParseResult(null, diagnostics.ToEquatableArray());
            var spec = new ModelSpec(ModelSource.Yaml, ns, name, "public", input, modelSpan, inputSpan,
                layers.ToEquatableArray(), training.ToEquatableArray(), trainingSpan)
            {
                FeatureType = featureType,
                EmbedEnums = embedEnums,
                EmbedEnumsSpan = embedEnumsSpan,
                Inputs = inputs.ToEquatableArray(),
                Output = output,
            };
            return new ParseResult(spec, diagnostics.ToEquatableArray());
        }

        /// <summary>
        /// One entry of <c>inputs:</c>: a shape list (float tensor), or a mapping with <c>shape</c>, <c>tokens</c> (a length)
        /// with <c>vocabulary</c> and <c>padding_id</c>, or <c>record</c> (which becomes the model's feature record).
        /// </summary>
        private static InputSpec? ParseInput(string path, YamlScalar key, YamlNode value, ref FeatureTypeReference? featureType, string model,
            List<DiagnosticInfo> diagnostics)
        {
            SourceSpan span = KeySpan(path, key);
            if (value is YamlSequence)
                return Integers(path, value, key.Value, diagnostics) is { } shape ? new InputSpec(key.Value, InputKind.Tensor, shape, 0, -1, span) : null;
            if (value is not YamlMapping mapping)
            {
                WrongType(path, value, key.Value, "a shape such as [30, 4], or a mapping with 'shape', 'tokens' or 'record'", diagnostics);
                return null;
            }
            var entries = Entries(mapping, $"input '{key.Value}'", InputKeys, path, diagnostics);
            long Integer(string name, long fallback)
            {
                if (!entries.TryGetValue(name, out var entry))
                    return fallback;
                if (entry.Value is YamlScalar { Quoted: false } scalar && long.TryParse(scalar.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long number))
                    return number;
                WrongType(path, entry.Value, name, "an integer", diagnostics);
                return fallback;
            }
            if (entries.TryGetValue("record", out var recordEntry))
            {
                if (recordEntry.Value is YamlScalar { Quoted: false, Value: var typeName } && typeName.Split('.').All(Names.IsIdentifier))
                {
                    if (featureType is null)
                        featureType = new FeatureTypeReference(typeName, SourceSpan.At(path, recordEntry.Value.Line, recordEntry.Value.Column, typeName.Length));
                    else
                        diagnostics.Add(Diagnostics.Create(Diagnostics.InvalidInputDeclaration, span, key.Value, model,
                            "a model has at most one record input (its featurizer); join the records into one type"));
                }
                else
                    WrongType(path, recordEntry.Value, "record", "the full name of a record type, such as My.App.Applicant", diagnostics);
                return new InputSpec(key.Value, InputKind.Record, EquatableArray<long>.Empty, 0, -1, span);
            }
            if (entries.ContainsKey("tokens"))
            {
                long length = Integer("tokens", 0);
                return new InputSpec(key.Value, InputKind.Tokens, new[] { length }.ToEquatableArray(), Integer("vocabulary", 0), Integer("padding_id", -1), span);
            }
            if (entries.TryGetValue("shape", out var shapeEntry))
                return Integers(path, shapeEntry.Value, "shape", diagnostics) is { } shape
                    ? new InputSpec(key.Value, entries.ContainsKey("vocabulary") ? InputKind.Tokens : InputKind.Tensor, shape, Integer("vocabulary", 0), Integer("padding_id", -1), span)
                    : null;
            diagnostics.Add(Diagnostics.Create(Diagnostics.YamlMissingKey, span, $"Input '{key.Value}'", "shape' or 'tokens' or 'record"));
            return null;
        }

        /// <summary>A non-empty list of integers (a shape), or null after reporting what was written instead.</summary>
        private static EquatableArray<long>? Integers(string path, YamlNode node, string key, List<DiagnosticInfo> diagnostics)
        {
            if (node is YamlSequence dims && dims.Items.Count > 0 && dims.Items.All(i => i is YamlScalar s && !s.Quoted && long.TryParse(s.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)))
                return dims.Items.Select(i => long.Parse(((YamlScalar)i).Value, CultureInfo.InvariantCulture)).ToEquatableArray();
            WrongType(path, node, key, "a list of integers such as [30, 4] (batch dimension excluded)", diagnostics);
            return null;
        }

        private static LayerSpec? ParseLayer(string path, YamlNode node, List<DiagnosticInfo> diagnostics)
        {
            if (node is not YamlMapping mapping)
            {
                WrongType(path, node, "a layer", "a mapping with a 'type' key, e.g. { type: dense, units: 10 }", diagnostics);
                return null;
            }
            var entries = Entries(mapping, "a layer", null, path, diagnostics);
            if (!entries.TryGetValue("type", out var typeEntry))
            {
                diagnostics.Add(Diagnostics.Create(Diagnostics.YamlMissingKey, SourceSpan.At(path, mapping.Line, mapping.Column), "A layer", "type"));
                return null;
            }
            if (typeEntry.Value is not YamlScalar type || LayerCatalog.Find(type.Value) is not { } definition)
            {
                string written = (typeEntry.Value as YamlScalar)?.Value ?? "?";
                string? nearest = Names.Nearest(written, LayerCatalog.Kinds);
                diagnostics.Add(Diagnostics.Create(Diagnostics.YamlUnknownLayer, SourceSpan.At(path, typeEntry.Value.Line, typeEntry.Value.Column, written.Length), written,
                    nearest is null ? "; known kinds: " + string.Join(", ", LayerCatalog.Kinds.Select(Snake)) : $"; did you mean '{Snake(nearest)}'?"));
                return null;
            }

            var arguments = new List<Argument>();
            var references = new List<NodeReference>();
            SourceSpan? referencesSpan = null;
            foreach (var pair in entries)
            {
                string key = pair.Key;
                var entry = pair.Value;
                if (key == "type")
                    continue;
                if (key is "input" or "inputs")
                {
                    // Graph wiring, not an argument of the layer kind: 'input: a' or 'inputs: [a, b]'.
                    referencesSpan ??= KeySpan(path, entry.Key);
                    if (entry.Value is YamlScalar { Value: var one } reference && one.Length > 0)
                        references.Add(new NodeReference(one, SourceSpan.At(path, reference.Line, reference.Column, one.Length)));
                    else if (entry.Value is YamlSequence { Items.Count: > 0 } many && many.Items.All(i => i is YamlScalar { Value.Length: > 0 }))
                        references.AddRange(many.Items.Cast<YamlScalar>().Select(i => new NodeReference(i.Value, SourceSpan.At(path, i.Line, i.Column, i.Value.Length))));
                    else
                        WrongType(path, entry.Value, key, "a node name, or a list of node names (declared inputs or layer names)", diagnostics);
                    continue;
                }
                if (ToValue(entry) is { } value)
                    arguments.Add(new Argument(key, Names.Normalize(key), value, KeySpan(path, entry.Key)));
                else
                    WrongType(path, entry.Value, key, "a scalar or a list of scalars", diagnostics);
            }
            return new LayerSpec(definition.Kind, arguments.ToEquatableArray(), SourceSpan.At(path, typeEntry.Value.Line, typeEntry.Value.Column, type.Value.Length))
            {
                Inputs = references.ToEquatableArray(),
                InputsSpan = referencesSpan,
            };
        }

        /// <summary>The entries of a mapping by key, reporting duplicates and (when <paramref name="allowed"/> is given) unknown keys.</summary>
        private static Dictionary<string, KeyValuePair<YamlScalar, YamlNode>> Entries(YamlMapping mapping, string owner, string[]? allowed,
            string path, List<DiagnosticInfo> diagnostics)
        {
            var result = new Dictionary<string, KeyValuePair<YamlScalar, YamlNode>>();
            foreach (var entry in mapping.Entries)
            {
                string key = entry.Key.Value;
                if (result.ContainsKey(key))
                {
                    diagnostics.Add(Diagnostics.Create(Diagnostics.YamlDuplicateKey, SourceSpan.At(path, entry.Key.Line, entry.Key.Column, key.Length), key, owner));
                    continue;
                }
                if (allowed is not null && !allowed.Contains(key))
                {
                    string? nearest = Names.Nearest(key, allowed);
                    diagnostics.Add(Diagnostics.Create(Diagnostics.YamlUnknownKey, SourceSpan.At(path, entry.Key.Line, entry.Key.Column, key.Length), key, owner,
                        nearest is null ? "; valid keys: " + string.Join(", ", allowed) : $"; did you mean '{nearest}'?"));
                    continue;
                }
                result[key] = entry;
            }
            return result;
        }

        private static ArgumentValue? ToValue(KeyValuePair<YamlScalar, YamlNode> entry)
        {
            switch (entry.Value)
            {
                case YamlScalar scalar:
                    return Scalar(scalar);
                case YamlSequence sequence when sequence.Items.All(i => i is YamlScalar):
                    var items = sequence.Items.Cast<YamlScalar>().Select(Scalar).ToList();
                    if (items.All(i => i.Kind == ArgumentKind.Integer))
                        return ArgumentValue.OfIntegers(items.Select(i => i.Integer).ToEquatableArray());
                    if (items.All(i => i.Kind is ArgumentKind.Integer or ArgumentKind.Number))
                        return ArgumentValue.OfNumbers(items.Select(i => i.Number).ToEquatableArray());
                    if (items.All(i => i.Kind == ArgumentKind.Text))
                        return ArgumentValue.OfTexts(items.Select(i => i.Text).ToEquatableArray());
                    return null;
                default:
                    return null;
            }
        }

        private static ArgumentValue Scalar(YamlScalar scalar)
        {
            if (!scalar.Quoted)
            {
                if (long.TryParse(scalar.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long integer))
                    return ArgumentValue.OfInteger(integer);
                if (double.TryParse(scalar.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double number))
                    return ArgumentValue.OfNumber(number);
                if (scalar.Value is "true" or "false")
                    return ArgumentValue.OfBoolean(scalar.Value == "true");
            }
            return ArgumentValue.OfText(scalar.Value);
        }

        /// <summary>Argument diagnostics point at the key, as the docs promise and as attribute diagnostics point at the argument name.</summary>
        private static SourceSpan KeySpan(string path, YamlScalar key) => SourceSpan.At(path, key.Line, key.Column, key.Value.Length);

        private static void WrongType(string path, YamlNode node, string key, string expected, List<DiagnosticInfo> diagnostics) =>
            diagnostics.Add(Diagnostics.Create(Diagnostics.YamlWrongType, SourceSpan.At(path, node.Line, node.Column), key, expected));

        /// <summary>Builds the tree from YamlDotNet's parser events; aliases and multiple documents are refused.</summary>
        private static int IndentationTab(string text)
        {
            bool lineStart = true;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (IsLineBreak(c))
                    lineStart = true;
                else if (lineStart && c == '\t')
                    return i;
                else if (c != ' ')
                    lineStart = false;
            }
            return -1;
        }

        private static YamlNode? Read(string text, string path, List<DiagnosticInfo> diagnostics, ref Mark last)
        {
            var parser = new TrackingParser(new Parser(new StringReader(text)));
            try
            {
                return Read(parser, path, diagnostics);
            }
            catch (InvalidOperationException)
            {
                last = parser.LastFlowStart;
                throw;
            }
            finally
            {
                if (last.Line == 1 && last.Column == 1)
                    last = parser.Last;
            }
        }

        private static YamlNode? Read(IParser parser, string path, List<DiagnosticInfo> diagnostics)
        {
            parser.Consume<StreamStart>();
            if (parser.Accept<StreamEnd>(out _))
                return null;
            parser.Consume<DocumentStart>();
            YamlNode? root = parser.Accept<DocumentEnd>(out _) ? null : ReadNode(parser);
            parser.Consume<DocumentEnd>();
            if (!parser.Accept<StreamEnd>(out _) && parser.Current is { } extra)
                diagnostics.Add(Diagnostics.Create(Diagnostics.YamlNotAModel, SourceSpan.At(path, (int)extra.Start.Line - 1, (int)extra.Start.Column - 1),
                    "a model file holds one YAML document; the rest of the file is ignored"));
            return root is YamlScalar { Value: "" } ? null : root;
        }

        private static YamlNode ReadNode(IParser parser)
        {
            ParsingEvent current = parser.Current ?? throw new YamlException("unexpected end of the file");
            int line = (int)current.Start.Line - 1, column = (int)current.Start.Column - 1;

            switch (current)
            {
                case Scalar scalar:
                    parser.MoveNext();
                    return new YamlScalar(scalar.Value, scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted, line, column);
                case SequenceStart:
                {
                    parser.MoveNext();
                    var sequence = new YamlSequence(line, column);
                    while (!parser.TryConsume<SequenceEnd>(out _))
                        sequence.Items.Add(ReadNode(parser));
                    return sequence;
                }
                case MappingStart:
                {
                    parser.MoveNext();
                    var mapping = new YamlMapping(line, column);
                    while (!parser.TryConsume<MappingEnd>(out _))
                    {
                        YamlNode key = ReadNode(parser);
                        YamlNode value = ReadNode(parser);
                        if (key is not YamlScalar scalarKey)
                            throw new YamlException(current.Start, current.End, "mapping keys must be plain names");
                        mapping.Entries.Add(new KeyValuePair<YamlScalar, YamlNode>(scalarKey, value));
                    }
                    return mapping;
                }
                default:
                    throw new YamlException(current.Start, current.End, "anchors, aliases and tags are not supported in model specs");
            }
        }

        private sealed class NestingTooDeepException : YamlException
        {
            public NestingTooDeepException(Mark start, Mark end) : base(start, end, TooDeepMessage) { }
        }

        /// <summary>Remembers the end of the last event read, so errors without a position can point where parsing stopped.</summary>
        private sealed class TrackingParser : IParser
        {
            private readonly IParser _inner;

            public TrackingParser(IParser inner) => _inner = inner;

            public Mark Last { get; private set; } = new();

            public Mark LastFlowStart { get; private set; } = new();

            public ParsingEvent? Current => _inner.Current;

            public bool MoveNext()
            {
                if (_inner.Current is { } current)
                {
                    Last = current.End;
                    if (current is SequenceStart { Style: SequenceStyle.Flow } or MappingStart { Style: MappingStyle.Flow })
                        LastFlowStart = current.Start;
                }
                bool moved = _inner.MoveNext();
                // Stop at the first level too deep: YamlDotNet's work per token grows with the nesting depth, and the tree
                // reader recurses once per level, so unbounded depth costs quadratic time and the stack.
                if (_inner.Current is SequenceStart or MappingStart && ++_depth > MaxDepth)
                    throw new NestingTooDeepException(_inner.Current.Start, _inner.Current.End);
                if (_inner.Current is SequenceEnd or MappingEnd)
                    _depth--;
                return moved;
            }

            private int _depth;
        }

        /// <summary>
        /// Zero-based line and column of <paramref name="offset"/>, counting line breaks as YAML, YamlDotNet and Roslyn do:
        /// <c>\r\n</c>, a lone <c>\r</c>, <c>\n</c>, NEL, and the Unicode line and paragraph separators.
        /// </summary>
        internal static (int Line, int Column) Position(string text, int offset)
        {
            int line = 0, lineStart = 0;
            for (int i = 0; i < offset && i < text.Length; i++)
            {
                if (!IsLineBreak(text[i]) || text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                    continue;
                line++;
                lineStart = i + 1;
            }
            return (line, offset - lineStart);
        }

        private static bool IsLineBreak(char c) => c is '\n' or '\r' or '\u0085' or '\u2028' or '\u2029';

        private const string TooDeepMessage = "the spec nests lists or mappings more than 64 levels deep; a model spec needs three or four";

        private static string FirstLine(string message) => message.Split('\n')[0].Trim();

        /// <summary>A layer kind as YAML writes it: <c>MaxPool2D</c> → <c>max_pool2d</c>.</summary>
        public static string Snake(string kind)
        {
            var builder = new System.Text.StringBuilder();
            for (int i = 0; i < kind.Length; i++)
            {
                char c = kind[i];
                if (char.IsUpper(c) && i > 0 && (char.IsLower(kind[i - 1]) || (i + 1 < kind.Length && char.IsLower(kind[i + 1]) && char.IsUpper(kind[i - 1]))))
                    builder.Append('_');
                builder.Append(char.ToLowerInvariant(c));
            }
            return builder.ToString();
        }
    }
}
