using System.Collections.Generic;
using System.Linq;
using ModelDsl.Generator.Analysis;
using ModelDsl.Generator.Spec;

namespace ModelDsl.Generator.Emit.Onnx
{
    /// <summary>
    /// Writes <c>{Model}OnnxInputs</c> beside the ONNX export of a record model: typed code that puts a record's raw
    /// columns into a bound batch of the featurizer export, one assignment per property, so serving a single record costs
    /// ONNX Runtime's work rather than reflection. What the file must agree on (spec hash, enum members, input positions)
    /// is checked once, in its constructor. Only writes text.
    /// </summary>
    internal static class OnnxInputsEmitter
    {
        private const string Onnx = "global::ModelDsl.Onnx";

        /// <summary>The generated class's name for <paramref name="model"/>.</summary>
        public static string ClassName(CheckedModel model) => model.ClassName + "OnnxInputs";

        public static void Emit(CodeWriter w, CheckedModel model, FeatureRecordSpec record)
        {
            string recordType = record.TypeName;
            string recordCref = recordType.Replace("global::", "");
            bool alone = model.Inputs.Count == 1;
            List<(FeatureSpec Property, string Field)> columns = Fields(record);
            w.Line("/// <summary>");
            w.Line($"/// Writes <see cref=\"{recordCref}\"/> records into a bound batch (<see cref=\"{Onnx.Replace("global::", "")}.OnnxModel.Bind\"/>) of <see cref=\"{model.TypeName}\"/>'s");
            w.Line("/// featurizer export, <c>ExportOnnx(path, featurizer)</c>, without reflection: the file's spec hash, enum members and");
            w.Line("/// input positions are checked once, by the constructor, and a row is then one assignment per property.");
            if (!alone)
                w.Line("/// The model's other inputs are written by the caller, through the batch's buffers.");
            w.Line("/// </summary>");
            using (w.Block($"{model.Accessibility} sealed class {ClassName(model)}"))
            {
                foreach (var (property, field) in columns)
                    w.Line($"private readonly int {field};");
                w.Line();
                w.Line("/// <summary>Checks <paramref name=\"model\"/> against this code and finds where each column goes.</summary>");
                w.Line($"/// <exception cref=\"global::System.IO.InvalidDataException\">The file was exported from another architecture than {model.ClassName}'s, or lists other members for an enum (names the field).</exception>");
                w.Line("/// <exception cref=\"global::System.ArgumentException\">The file has no input for a property (names it).</exception>");
                using (w.Block($"public {ClassName(model)}({Onnx}.OnnxModel model)"))
                {
                    w.Line($"model.RequireSpecHash({model.TypeName}.SpecHash, {Literals.String(model.ClassName)});");
                    foreach (var (property, _) in columns.Where(c => c.Property.Kind == FeatureKind.Enum))
                        w.Line($"model.RequireMembers({Literals.String(property.Name)}, {string.Join(", ", property.Members.Select(Literals.String))});");
                    foreach (var (property, field) in columns)
                        w.Line($"{field} = model.InputIndex({Literals.String(property.Name)});");
                }
                w.Line();
                w.Line("/// <summary>Writes <paramref name=\"record\"/>'s columns as row <paramref name=\"row\"/> of <paramref name=\"batch\"/> (numbers and flags as float32, enums as their member index).</summary>");
                w.Line("/// <exception cref=\"global::System.ArgumentException\">An enum holds a value that is not a declared member (names the row and field).</exception>");
                using (w.Block($"public void Write({Onnx}.OnnxBoundBatch batch, int row, {recordType} record)"))
                {
                    foreach (var (property, field) in columns)
                    {
                        string value = "record." + Identifier(property.Name);
                        switch (property.Kind)
                        {
                            case FeatureKind.Boolean:
                                w.Line($"batch.Floats({field})[row] = {value} ? 1f : 0f;");
                                break;
                            case FeatureKind.Enum:
                                using (w.Block($"batch.Integers({field})[row] = {value} switch", ";"))
                                {
                                    for (int m = 0; m < property.Members.Count; m++)
                                        w.Line($"{property.TypeName}.{Identifier(property.Members[m])} => {Literals.Integer(m)}L,");
                                    w.Line($"_ => throw {Onnx}.OnnxRecordInputs.UndeclaredMember(row, {Literals.String(property.Name)}, {value}),");
                                }
                                break;
                            default:
                                w.Line($"batch.Floats({field})[row] = (float){value};");
                                break;
                        }
                    }
                }
                if (alone)
                {
                    w.Line();
                    w.Line("/// <summary>Writes <paramref name=\"record\"/> as the batch's only row and runs the model: forward()'s output for it.</summary>");
                    w.Line("/// <exception cref=\"global::System.ArgumentException\">The batch holds more than one row, or an enum holds an undeclared value.</exception>");
                    using (w.Block($"public global::System.ReadOnlySpan<float> Run({Onnx}.OnnxBoundBatch batch, {recordType} record)"))
                    {
                        w.Line("if (batch.Rows != 1)");
                        w.Line("    throw new global::System.ArgumentException($\"The batch holds {batch.Rows} rows; bind one row to score one record.\", nameof(batch));");
                        w.Line("Write(batch, 0, record);");
                        w.Line("return batch.Run();");
                    }
                }
            }
        }

        private static string Identifier(string name) => TorchSharp.FeaturizerEmitter.Identifier(name);

        /// <summary>Each property with the field that keeps its input's position: <c>_income</c>, made unique if two names differ only in case.</summary>
        private static List<(FeatureSpec, string)> Fields(FeatureRecordSpec record)
        {
            var used = new HashSet<string>(System.StringComparer.Ordinal);
            var fields = new List<(FeatureSpec, string)>();
            foreach (FeatureSpec property in record.Properties)
            {
                string field = "_" + char.ToLowerInvariant(property.Name[0]) + property.Name.Substring(1);
                for (int n = 2; !used.Add(field); n++)
                    field = "_" + char.ToLowerInvariant(property.Name[0]) + property.Name.Substring(1) + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
                fields.Add((property, field));
            }
            return fields;
        }
    }
}
