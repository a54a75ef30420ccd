using System.Collections.Generic;
using System.Linq;
using ModelDsl.Generator.Analysis;
using ModelDsl.Generator.Spec;

namespace ModelDsl.Generator.Emit.TorchSharp
{
    /// <summary>
    /// Writes <c>XxxCsvReader</c> for a model whose input is a record: it maps a CSV header to the record's properties by
    /// name (ignoring case, or the names of <c>[Column]</c>), parses each field as the property's type, and builds the
    /// records with their constructor and initializer; no reflection. Only writes text.
    /// </summary>
    internal static class CsvReaderEmitter
    {
        private const string Table = "global::ModelDsl.Data.CsvTable";
        private const string List = "global::System.Collections.Generic.List";

        /// <summary>True when the model gets a reader: a record input the reader can build.</summary>
        public static bool Applies(CheckedModel model) => model.Features is { Construction.Problem.Length: 0 };

        public static string Emit(CheckedModel model)
        {
            FeatureRecordSpec record = model.Features!;
            RecordConstruction construction = record.Construction;
            var read = record.Properties.Where(p => construction.Reads(p.Name)).ToList();
            string recordType = record.TypeName;
            bool classes = model.Task == ModelTask.MultiClass;
            string target = classes ? "long" : "float";
            string result = $"global::ModelDsl.Data.CsvRecords<{recordType}, {target}>";
            string targetWords = classes
                ? $"class indices (0 to {Literals.Integer(model.Units - 1)})"
                : model.Task == ModelTask.Binary ? "0/1 targets (also true/false, yes/no)" : "target values";

            CodeWriter w = CodeWriter.GeneratedFile(model.NamespaceName);
            w.Line("/// <summary>");
            w.Line($"/// Reads <see cref=\"{Cref(recordType)}\"/> records for <see cref=\"{model.ClassName}\"/> from CSV files: columns {XmlText(string.Join(", ", read.Select(ColumnText)))}");
            w.Line("/// (matched by name, ignoring case; other columns are left alone).");
            w.Line("/// </summary>");
            using (w.Block($"{model.Accessibility} static class {model.ClassName}CsvReader"))
            {
                w.Line("/// <summary>Per property read from the file, in column order, the header names it may go by (the first the header has is read).</summary>");
                w.Line("public static global::System.Collections.Generic.IReadOnlyList<global::System.Collections.Generic.IReadOnlyList<string>> Columns { get; } = new string[][]");
                w.Line("{");
                foreach (FeatureSpec property in read)
                    w.Line($"    new string[] {{ {string.Join(", ", property.ColumnNames.Select(Literals.String))} }},");
                w.Line("};");
                w.Line();
                w.Line("/// <summary>");
                w.Line($"/// Reads every row of <paramref name=\"path\"/> as a record and, when <paramref name=\"targetColumn\"/> names a column, its {targetWords}.");
                w.Line("/// </summary>");
                w.Line("/// <param name=\"path\">A CSV file with a header row.</param>");
                w.Line("/// <param name=\"targetColumn\">The target column's name and any other names it goes by (the first the header has is read); none to read records only.</param>");
                w.Line("/// <exception cref=\"global::System.IO.InvalidDataException\">A column is missing, or a field does not parse as its property's type; names the file, line and column.</exception>");
                using (w.Block($"public static {result} Read(string path, params string[] targetColumn)"))
                {
                    w.Line($"{Table} table = {Table}.Read(path);");
                    w.Line("string[] columns = table.FindColumns(Columns);");
                    w.Line("string? target = targetColumn.Length == 0 ? null : table.FindColumns(new[] { targetColumn })[0];");
                    w.Line($"var records = new {List}<{recordType}>(table.Count);");
                    w.Line($"var targets = new {List}<{target}>(target is null ? 0 : table.Count);");
                    w.Line($"var lines = new {List}<int>(table.Count);");
                    using (w.Block("for (int row = 0; row < table.Count; row++)"))
                    {
                        WriteConstruction(w, recordType, construction, read);
                        w.Line("if (target is not null)");
                        w.Line("    targets.Add(" + model.Task switch
                        {
                            ModelTask.MultiClass => $"table.ClassIndex(row, target, {Literals.Integer(model.Units)})",
                            ModelTask.Binary => "table.BinaryTarget(row, target)",
                            _ => "(float)table.Number(row, target)",
                        } + ");");
                        w.Line("lines.Add(table.Line(row));");
                    }
                    w.Line($"return new {result}(path, records, targets, lines);");
                }
                foreach (FeatureSpec property in read.Where(p => p.Kind == FeatureKind.Enum))
                {
                    w.Line();
                    WriteEnumParser(w, property);
                }
            }
            return w.EndFile();
        }

        private static void WriteConstruction(CodeWriter w, string recordType, RecordConstruction construction, List<FeatureSpec> read)
        {
            string Value(string property)
            {
                int column = read.FindIndex(p => p.Name == property);
                return Parse(read[column], $"columns[{Literals.Integer(column)}]");
            }
            var arguments = construction.Arguments.Select(a => $"{FeaturizerEmitter.Identifier(a.Parameter)}: {Value(a.Property)}").ToList();
            if (construction.Initialized.Count == 0)
            {
                WriteCall(w, $"records.Add(new {recordType}(", arguments, "));");
                return;
            }
            WriteCall(w, $"records.Add(new {recordType}(", arguments, ")");
            w.Line("{");
            foreach (string property in construction.Initialized)
                w.Line($"    {FeaturizerEmitter.Identifier(property)} = {Value(property)},");
            w.Line("});");
        }

        /// <summary>Writes <c>open a, b, c close</c> with one argument per line (the calls are long).</summary>
        private static void WriteCall(CodeWriter w, string open, List<string> arguments, string close)
        {
            if (arguments.Count == 0)
            {
                w.Line(open + close);
                return;
            }
            w.Line(open);
            for (int i = 0; i < arguments.Count; i++)
                w.Line("    " + arguments[i] + (i == arguments.Count - 1 ? close : ","));
        }

        private static string Parse(FeatureSpec property, string column) => property.Kind switch
        {
            FeatureKind.Boolean => $"table.Boolean(row, {column})",
            FeatureKind.Enum => $"Read{property.Name}(table, row, {column})",
            _ when property.TypeName is "float" or "double" or "decimal" => $"({property.TypeName})table.Number(row, {column})",
            _ => $"({property.TypeName})table.WholeNumber(row, {column}, {property.TypeName}.MinValue, {property.TypeName}.MaxValue)",
        };

        /// <summary>A method that reads an enum field: a member's codes or its name, ignoring case.</summary>
        private static void WriteEnumParser(CodeWriter w, FeatureSpec property)
        {
            var accepted = new List<string>();
            w.Line($"/// <summary>Reads <c>{property.Name}</c>: a member's name or code, ignoring case.</summary>");
            using (w.Block($"private static {property.TypeName} Read{property.Name}({Table} table, int row, string column)"))
            {
                w.Line("string text = table.Text(row, column);");
                for (int m = 0; m < property.Members.Count; m++)
                {
                    var names = (m < property.MemberCodes.Count ? property.MemberCodes[m] : EquatableArray<string>.Empty).Concat(new[] { property.Members[m] }).Distinct().ToList();
                    accepted.Add(string.Join(" or ", names));
                    string test = string.Join(" || ", names.Select(n => $"global::System.String.Equals(text, {Literals.String(n)}, global::System.StringComparison.OrdinalIgnoreCase)"));
                    w.Line($"if ({test})");
                    w.Line($"    return {property.TypeName}.{FeaturizerEmitter.Identifier(property.Members[m])};");
                }
                w.Line($"throw table.Invalid(row, column, {Literals.String("one of " + string.Join(", ", accepted))});");
            }
        }

        private static string ColumnText(FeatureSpec property) => string.Join("/", property.ColumnNames);

        private static string Cref(string typeName) => typeName.Replace("global::", "");

        /// <summary>Text for a documentation comment: XML characters escaped, line breaks and other control characters as spaces.</summary>
        private static string XmlText(string text) =>
            new string(text.Select(c => char.IsControl(c) || c is '\u2028' or '\u2029' or '\u0085' ? ' ' : c).ToArray())
                .Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
    }
}
