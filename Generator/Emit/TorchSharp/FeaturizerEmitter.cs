using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ModelDsl.Generator.Analysis;
using ModelDsl.Generator.Spec;

namespace ModelDsl.Generator.Emit.TorchSharp
{
    /// <summary>
    /// Writes <c>XxxFeaturizer</c> for a model declared with <c>[Model(typeof(TRecord))]</c>: the record's properties become
    /// columns in declaration order (numbers standardised, bools 0/1, enums one-hot). Only writes text.
    /// </summary>
    internal static class FeaturizerEmitter
    {
        private const string Data = "global::ModelDsl.Data.";
        private const string FeatureGroup = "global::ModelDsl.Explain.FeatureGroup";
        private const string ReadOnlyList = "global::System.Collections.Generic.IReadOnlyList";

        public static string Emit(CheckedModel model)
        {
            FeatureRecordSpec record = model.Features!;
            string featurizer = FeaturizerName(model);
            string recordType = record.TypeName;
            var layout = Layout(record);
            var numeric = record.Properties.Where(p => p.Kind == FeatureKind.Number).ToList();
            long width = layout.Count == 0 ? 0 : layout[layout.Count - 1].Offset + layout[layout.Count - 1].Width;

            CodeWriter w = CodeWriter.GeneratedFile(model.NamespaceName);
            w.Line("/// <summary>");
            w.Line($"/// Turns <see cref=\"{Cref(recordType)}\"/> into the {width} inputs of <see cref=\"{model.ClassName}\"/>: {Describe(record)}.");
            w.Line("/// Fit it on training data only; the trainer keeps its statistics in every checkpoint.");
            w.Line("/// </summary>");
            using (w.Block($"{model.Accessibility} sealed class {featurizer} : {Data}TabularFeaturizer<{recordType}>"))
            {

                w.Line("/// <summary>Number of model inputs one record becomes.</summary>");
                w.Line($"public const int InputWidth = {width};");
                w.Line();
                w.Line("/// <summary>The properties that are standardised, in column order.</summary>");
                w.Line($"public static {ReadOnlyList}<string> StandardizedProperties {{ get; }} = " + (numeric.Count == 0
                    ? "global::System.Array.Empty<string>();"
                    : $"new string[] {{ {string.Join(", ", numeric.Select(p => Literals.String(p.Name)))} }};"));
                var quantile = numeric.Where(p => p.Scale == NumberScale.Quantile).ToList();
                if (quantile.Count > 0)
                {
                    w.Line();
                    w.Line("/// <summary>The standardised properties that are scaled by quantiles instead ([Scale(FeatureScale.Quantile)]).</summary>");
                    w.Line($"public static {ReadOnlyList}<string> QuantileProperties {{ get; }} = new string[] {{ {string.Join(", ", quantile.Select(p => Literals.String(p.Name)))} }};");
                }
                var robust = numeric.Where(p => p.Scale == NumberScale.Robust).ToList();
                if (robust.Count > 0)
                {
                    w.Line();
                    w.Line("/// <summary>The standardised properties that are scaled by median and interquartile range instead ([Scale(FeatureScale.Robust)]).</summary>");
                    w.Line($"public static {ReadOnlyList}<string> RobustProperties {{ get; }} = new string[] {{ {string.Join(", ", robust.Select(p => Literals.String(p.Name)))} }};");
                }
                string scalings = (quantile.Count > 0 ? ", QuantileProperties" : "") + (robust.Count > 0 ? ", robustColumns: RobustProperties" : "");
                w.Line();
                w.Line("/// <summary>Which input columns each property fills, for explanations that permute a property as a whole.</summary>");
                w.Line($"public static {ReadOnlyList}<{FeatureGroup}> PropertyGroups {{ get; }} = new {FeatureGroup}[]");
                w.Line("{");
                foreach (var (property, offset, columns) in layout)
                    w.Line($"    new({Literals.String(property.Name)}, new long[] {{ {string.Join(", ", Enumerable.Range(0, (int)columns).Select(c => Literals.Integer(offset + c)))} }}),");
                w.Line("};");
                w.Line();
                if (record.HasEmbeddings)
                    EmitEmbeddedMembers(w, record, layout);
                w.Line($"private {featurizer}({Data}FeatureScaling scaling) : base(scaling)");
                w.Line("{");
                w.Line("}");
                w.Line();
                w.Line("/// <inheritdoc />");
                w.Line("public override int Width => InputWidth;");
                w.Line();
                w.Line("/// <inheritdoc />");
                w.Line($"public override {ReadOnlyList}<{FeatureGroup}> Groups => PropertyGroups;");
                w.Line();
                w.Line("/// <summary>Fits the standardisation on <paramref name=\"training\"/> (the training split only, so no statistics leak from test data).</summary>");
                w.Line("/// <exception cref=\"global::System.ArgumentException\">There are no rows, or a number is NaN or infinite (names the row and property).</exception>");
                w.Line($"public static {featurizer} Fit({ReadOnlyList}<{recordType}> training) =>");
                w.Line($"    new({Data}FeatureScaling.Fit({Literals.String(record.DisplayName)}, StandardizedProperties, training.Count, (row, column) => RawValue(training[row], column){scalings}));");
                w.Line();
                w.Line("/// <summary>Reads statistics saved by <see cref=\"Save\"/>; <paramref name=\"source\"/> names where they came from in errors.</summary>");
                w.Line("/// <exception cref=\"global::System.IO.InvalidDataException\">The statistics are malformed or were fitted for other properties.</exception>");
                w.Line($"public static {featurizer} Load(byte[] json, string source) =>");
                w.Line($"    new({Data}FeatureScaling.FromJson(json, source, {Literals.String(record.DisplayName)}, StandardizedProperties{scalings}));");
                w.Line();
                w.Line("/// <summary>The fitted statistics as JSON (what checkpoints keep as <c>features.json</c>).</summary>");
                w.Line("public byte[] Save() => Scaling.ToJson();");
                w.Line();

                using (w.Block($"private static double RawValue({recordType} record, int column) => column switch", ";"))
                {
                    for (int i = 0; i < numeric.Count; i++)
                        w.Line($"{i} => (double)record.{Identifier(numeric[i].Name)},");
                    w.Line("_ => throw new global::System.ArgumentOutOfRangeException(nameof(column)),");
                }
                w.Line();

                w.Line("/// <inheritdoc />");
                using (w.Block($"protected override void Write({recordType} record, global::System.Span<float> row)"))
                {
                    int scaled = 0;
                    foreach (var (property, offset, _) in layout)
                    {
                        string at = Literals.Integer(offset);
                        switch (property.Kind)
                        {
                            case FeatureKind.Number:
                                w.Line($"row[{at}] = Scaling.Standardize({(scaled++)}, (double)record.{Identifier(property.Name)});");
                                break;
                            case FeatureKind.Boolean:
                                w.Line($"row[{at}] = record.{Identifier(property.Name)} ? 1f : 0f;");
                                break;
                            case FeatureKind.Enum:
                                using (w.Block($"switch (record.{Identifier(property.Name)})"))
                                {
                                    // An embedded enum writes its member index, which the module looks up; a one-hot one sets its member's column.
                                    for (int m = 0; m < property.Members.Count; m++)
                                        w.Line(property.IsEmbedded
                                            ? $"case {property.TypeName}.{Identifier(property.Members[m])}: row[{at}] = {Literals.Integer(m)}f; break;"
                                            : $"case {property.TypeName}.{Identifier(property.Members[m])}: row[{(offset + m)}] = 1f; break;");
                                    w.Line($"default: throw UndeclaredValue({Literals.String(property.Name)}, record.{Identifier(property.Name)});");
                                }
                                break;
                        }
                    }
                }
            }
            return w.EndFile();
        }

        /// <summary>The featurizer's class name for <paramref name="model"/>.</summary>
        public static string FeaturizerName(CheckedModel model) => model.ClassName + "Featurizer";

        private static List<(FeatureSpec Property, long Offset, long Width)> Layout(FeatureRecordSpec record)
        {
            var layout = new List<(FeatureSpec, long, long)>();
            long offset = 0;
            foreach (FeatureSpec property in record.Properties)
            {
                long columns = property.Columns;
                layout.Add((property, offset, columns));
                offset += columns;
            }
            return layout;
        }

        /// <summary>
        /// Members of a featurizer whose record has embedded enums: where each index column is (for baselines that one-hot
        /// them again), the width after the embeddings, and the property groups in that space (integrated gradients run there).
        /// </summary>
        private static void EmitEmbeddedMembers(CodeWriter w, FeatureRecordSpec record, List<(FeatureSpec Property, long Offset, long Width)> layout)
        {
            w.Line("/// <summary>The columns that hold an embedded enum's member index, with the number of members.</summary>");
            w.Line($"public static {ReadOnlyList}<{Data}EmbeddedIndexColumn> EmbeddedIndexColumns {{ get; }} = new {Data}EmbeddedIndexColumn[]");
            w.Line("{");
            foreach (var (property, offset, _) in layout.Where(l => l.Property.IsEmbedded))
                w.Line($"    new({Literals.String(property.Name)}, {Literals.Integer(offset)}, {Literals.Integer(property.Members.Count)}, {Literals.Integer(property.EmbedSize)}),");
            w.Line("};");
            w.Line();
            w.Line("/// <summary>How many columns the model's first layers read once each index is replaced by its embedding.</summary>");
            w.Line($"public const int EmbeddedWidth = {Literals.Integer(record.NetworkWidth)};");
            w.Line();
            w.Line("/// <summary>Which columns each property fills after the embeddings (an embedded enum: its embedding's), for integrated gradients.</summary>");
            w.Line($"public static {ReadOnlyList}<{FeatureGroup}> EmbeddedPropertyGroups {{ get; }} = new {FeatureGroup}[]");
            w.Line("{");
            long at = 0;
            foreach (FeatureSpec property in record.Properties)
            {
                w.Line($"    new({Literals.String(property.Name)}, new long[] {{ {string.Join(", ", Enumerable.Range(0, (int)property.NetworkColumns).Select(c => Literals.Integer(at + c)))} }}),");
                at += property.NetworkColumns;
            }
            w.Line("};");
            w.Line();
            w.Line("/// <inheritdoc />");
            w.Line($"public override {ReadOnlyList}<{Data}EmbeddedIndexColumn> EmbeddedColumns => EmbeddedIndexColumns;");
            w.Line();
            w.Line("/// <inheritdoc />");
            w.Line($"public override {ReadOnlyList}<{FeatureGroup}> EmbeddedGroups => EmbeddedPropertyGroups;");
            w.Line();
        }

        private static string Describe(FeatureRecordSpec record)
        {
            int numbers = record.Properties.Count(p => p.Kind == FeatureKind.Number && p.Scale == NumberScale.Standard);
            int ranked = record.Properties.Count(p => p.Kind == FeatureKind.Number && p.Scale == NumberScale.Quantile);
            int robust = record.Properties.Count(p => p.Kind == FeatureKind.Number && p.Scale == NumberScale.Robust);
            int flags = record.Properties.Count(p => p.Kind == FeatureKind.Boolean);
            var enums = record.Properties.Where(p => p.Kind == FeatureKind.Enum && !p.IsEmbedded).ToList();
            var embedded = record.Properties.Where(p => p.IsEmbedded).ToList();
            var parts = new List<string>();
            if (numbers > 0)
                parts.Add($"{numbers} standardised number{(numbers == 1 ? "" : "s")}");
            if (ranked > 0)
                parts.Add($"{ranked} quantile-scaled number{(ranked == 1 ? "" : "s")}");
            if (robust > 0)
                parts.Add($"{robust} robustly scaled number{(robust == 1 ? "" : "s")}");
            if (flags > 0)
                parts.Add($"{flags} 0/1 flag{(flags == 1 ? "" : "s")}");
            if (enums.Count > 0)
                parts.Add($"one-hot columns for {string.Join(", ", enums.Select(e => $"{e.Name} ({e.Members.Count})"))}");
            if (embedded.Count > 0)
                parts.Add($"member indices for the embedded {string.Join(", ", embedded.Select(e => $"{e.Name} ({e.Members.Count})"))}");
            return string.Join("; ", parts);
        }

        /// <summary>A member name as C# source: keywords need '@' (a property declared as <c>@class</c> is named "class").</summary>
        internal static string Identifier(string name) =>
            Microsoft.CodeAnalysis.CSharp.SyntaxFacts.GetKeywordKind(name) != Microsoft.CodeAnalysis.CSharp.SyntaxKind.None ? "@" + name : name;

        private static string Cref(string typeName) => typeName.Replace("global::", "");

    }
}
