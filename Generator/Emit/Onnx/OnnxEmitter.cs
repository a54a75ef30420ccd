using System.Collections.Generic;
using System.Linq;
using ModelDsl.Generator.Analysis;
using ModelDsl.Generator.Layers;
using ModelDsl.Generator.Spec;

namespace ModelDsl.Generator.Emit.Onnx
{
    /// <summary>
    /// Writes the ONNX export of a checked model: a partial of the module with <c>ExportOnnx(path, opset)</c> (and, for a
    /// model reading a record, an overload taking the fitted featurizer, whose graph starts from the raw columns, and the
    /// typed <c>{Model}OnnxInputs</c> that fills that graph's inputs from records). One
    /// builder call per node, in forward()'s order, so the graph is the one the checker knows; no tracing. Only writes text.
    /// </summary>
    internal static class OnnxEmitter
    {
        private const string Builder = "global::ModelDsl.Onnx.OnnxGraphBuilder";
        private const string Metadata = "global::ModelDsl.Onnx.OnnxMetadata";

        /// <summary>The builder local of the generated methods (reserved as a layer name).</summary>
        internal const string BuilderLocal = "onnx";

        public static string Emit(CheckedModel model)
        {
            CodeWriter w = CodeWriter.GeneratedFile(model.NamespaceName);
            string output = BatchShape(model.Output);
            string returns = model.FinalActivation.Length > 0
                ? $"forward()'s {output} logits; the {model.FinalActivation} that <see cref=\"Probabilities\"/> applies is not part of the graph"
                : $"forward()'s {output} output";
            using (w.Block($"{model.Accessibility} partial class {model.TypeName}"))
            {
                w.Line("/// <summary>");
                w.Line("/// Writes the model as ONNX (no tracing: the graph is the declared one), with the weights as they are now, in");
                w.Line("/// inference form (BatchNorm's running statistics, no dropout); the batch dimension is dynamic.");
                w.Line($"/// Inputs: {InputList(model, raw: false)}.");
                w.Line($"/// Output: {returns}.");
                w.Line("/// </summary>");
                w.Line("/// <param name=\"path\">The .onnx file to write (replaced through a temporary file).</param>");
                w.Line($"/// <param name=\"opset\">The ONNX opset, {Literals.Integer(17)} to {Literals.Integer(21)}.</param>");
                using (w.Block("public void ExportOnnx(string path, int opset = 17)"))
                {
                    w.Line($"var {BuilderLocal} = new {Builder}(this, {Literals.String(model.ClassName)}, opset);");
                    foreach (CheckedInput input in model.Inputs)
                        w.Line(DeclareInput(input));
                    w.Line($"AddOnnxLayers({BuilderLocal}, {Arguments(model)});");
                    w.Line($"{BuilderLocal}.Save(path);");
                }
                if (model.Features is { } record)
                {
                    w.Line();
                    EmitRecordExport(w, model, record, returns);
                }
                w.Line();
                EmitLayers(w, model);
            }
            if (model.Features is { } features)
            {
                w.Line();
                OnnxInputsEmitter.Emit(w, model, features);
            }
            return w.EndFile();
        }

        /// <summary>The overload that puts the fitted featurizer in front: raw record columns in, the same output.</summary>
        private static void EmitRecordExport(CodeWriter w, CheckedModel model, FeatureRecordSpec record, string returns)
        {
            string featurizer = global::ModelDsl.Generator.Emit.TorchSharp.FeaturizerEmitter.FeaturizerName(model);
            w.Line("/// <summary>");
            w.Line($"/// Writes the model as ONNX with <paramref name=\"featurizer\"/>'s fitted scaling and one-hot encoding in front, so the graph");
            w.Line($"/// reads the raw columns of <see cref=\"{record.TypeName.Replace("global::", "")}\"/>, named by property (enums as their member index in");
            w.Line("/// declaration order); otherwise as <see cref=\"ExportOnnx(string, int)\"/>.");
            w.Line($"/// Inputs: {InputList(model, raw: true)}.");
            w.Line($"/// Output: {returns}.");
            w.Line("/// </summary>");
            w.Line("/// <param name=\"path\">The .onnx file to write (replaced through a temporary file).</param>");
            w.Line("/// <param name=\"featurizer\">The featurizer fitted with the weights (the trainer's, or one loaded from the checkpoint).</param>");
            w.Line($"/// <param name=\"opset\">The ONNX opset, {Literals.Integer(17)} to {Literals.Integer(21)}.</param>");
            using (w.Block($"public void ExportOnnx(string path, {featurizer} featurizer, int opset = 17)"))
            {
                w.Line($"var {BuilderLocal} = new {Builder}(this, {Literals.String(model.ClassName)}, opset);");
                foreach (CheckedInput input in model.Inputs)
                {
                    if (input.Kind != InputKind.Record)
                    {
                        w.Line(DeclareInput(input));
                        continue;
                    }
                    w.Line($"var {Names.Escape(input.Name)} = {BuilderLocal}.RecordInput({Literals.String(input.Name)}, {Literals.String(record.TypeName.Replace("global::", ""))}, featurizer.Scaling, new global::ModelDsl.Onnx.RecordColumn[]");
                    w.Line("{");
                    foreach (FeatureSpec property in record.Properties)
                        w.Line($"    {Column(property)},");
                    w.Line("});");
                }
                w.Line($"AddOnnxLayers({BuilderLocal}, {Arguments(model)});");
                w.Line($"{BuilderLocal}.Save(path);");
            }
        }

        /// <summary>The builder call that declares a tensor input (float32, or int64 token ids), as a local named after it.</summary>
        private static string DeclareInput(CheckedInput input) =>
            $"var {Names.Escape(input.Name)} = {BuilderLocal}.{(input.Kind == InputKind.Tokens ? "TokenInput" : "FloatInput")}({Literals.String(input.Name)}, {Shape.Literal(input.Shape)});";

        private static string Column(FeatureSpec property)
        {
            const string Column = "global::ModelDsl.Onnx.RecordColumn";
            return property.Kind switch
            {
                FeatureKind.Boolean => $"{Column}.Flag({Literals.String(property.Name)})",
                FeatureKind.Enum when property.IsEmbedded => $"{Column}.Index({Literals.String(property.Name)}, {string.Join(", ", property.Members.Select(Literals.String))})",
                FeatureKind.Enum => $"{Column}.OneHot({Literals.String(property.Name)}, {string.Join(", ", property.Members.Select(Literals.String))})",
                _ => $"{Column}.Number({Literals.String(property.Name)}{(property.Scale == NumberScale.Quantile ? ", quantiles: true" : "")})",
            };
        }

        /// <summary>One builder call per node, with the node's kind and shape above it, then the output and the metadata.</summary>
        private static void EmitLayers(CodeWriter w, CheckedModel model)
        {
            w.Line("/// <summary>Adds every layer, the output and the metadata to <paramref name=\"onnx\"/>, reading the declared inputs.</summary>");
            string parameters = string.Join(", ", model.Inputs.Select(i => "string " + Names.Escape(i.Name)));
            using (w.Block($"private void AddOnnxLayers({Builder} {BuilderLocal}, {parameters})"))
            {
                // A record with embedded enums is embedded first, as forward() does (EmbedFeatures); the layers read that.
                CheckedInput? record = model.Features is { HasEmbeddings: true } ? model.Inputs.FirstOrDefault(i => i.Kind == InputKind.Record) : null;
                string? embedded = record is null ? null : ModelChecker.EmbeddedLocal(record.Name);
                if (record is not null)
                {
                    var columns = model.Features!.EmbeddingSegments().Where(s => s.Embedded is not null)
                        .Select(s => $"({Literals.Integer(s.From)}, {Literals.String(s.Embedded!.EmbeddingName)})").ToList();
                    w.Line($"// {embedded} (Concatenate) → (None, {Literals.Integer(model.Features.NetworkWidth)})");
                    w.Line($"var {embedded} = {BuilderLocal}.EmbedColumns({Literals.String(embedded!)}, {Names.Escape(record.Name)}, {Literals.Integer(model.Features.FeaturizedWidth)}, {string.Join(", ", columns)});");
                }
                foreach (CheckedInput tokens in model.Inputs.Where(i => model.Layers.Any(p => p.InputMask == i.Name && OnnxLowerings.Of(p).ReadsMask(p))))
                {
                    w.Line($"// {Names.MaskLocal(tokens.Name)}: true at real tokens, false at padding (id {tokens.PaddingId})");
                    w.Line($"var {Names.MaskLocal(tokens.Name)} = {BuilderLocal}.PaddingMask({Literals.String(Names.MaskLocal(tokens.Name))}, {Names.Escape(tokens.Name)}, {Literals.Integer(tokens.PaddingId)});");
                }
                foreach (LayerPlan plan in model.Layers)
                {
                    w.Line($"// {plan.Name} ({plan.Kind}) → {Shape.Display(plan.Output)}{(plan.Inputs.Count > 1 ? " from " + string.Join(", ", plan.Inputs) : "")}");
                    w.Line($"var {Names.Escape(plan.Name)} = {OnnxLowerings.Of(plan).Call(BuilderLocal, plan, plan.Inputs.Select(i => i == record?.Name ? embedded! : Names.Escape(i)).ToList())};");
                }
                string result = Names.Escape(model.OutputName);
                // A model whose layers do nothing returns its input; ONNX needs a node between an input and an output.
                if (model.Layers.Count == 0)
                    result = $"{BuilderLocal}.Dropout(\"output\", {Names.Escape(model.Inputs[0].Name)})";
                w.Line($"{BuilderLocal}.Output({result}, {Shape.Literal(model.Output)});");
                w.Line($"{BuilderLocal}.Metadata({Metadata}.Model, {Literals.String(model.Namespace.Length == 0 ? model.ClassName : model.Namespace + "." + model.ClassName)});");
                w.Line($"{BuilderLocal}.Metadata({Metadata}.SpecHash, SpecHash);");
                w.Line($"{BuilderLocal}.Metadata({Metadata}.FinalActivation, FinalActivation);");
            }
        }

        private static string Arguments(CheckedModel model) => string.Join(", ", model.Inputs.Select(i => Names.Escape(i.Name)));

        /// <summary>The inputs as the documentation lists them: 'name' float32 (batch, …), or the raw record columns.</summary>
        private static string InputList(CheckedModel model, bool raw) => string.Join(", ", model.Inputs.Select(input =>
            raw && input.Kind == InputKind.Record && model.Features is { } record
                ? string.Join(", ", record.Properties.Select(p => $"'{p.Name}' {(p.Kind == FeatureKind.Enum ? "int64" : "float32")} (batch, 1)"))
                : $"'{input.Name}' {(input.Kind == InputKind.Tokens ? "int64 token ids" : "float32")} {BatchShape(input.Shape)}"));

        private static string BatchShape(EquatableArray<long> shape) => "(batch" + string.Concat(shape.Select(d => ", " + Literals.Integer(d))) + ")";
    }
}
