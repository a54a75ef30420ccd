using System.Collections.Generic;
using System.Linq;
using ModelDsl.Generator.Analysis;
using ModelDsl.Generator.Layers;
using ModelDsl.Generator.Spec;

namespace ModelDsl.Generator.Emit.TorchSharp
{
    /// <summary>
    /// Typed members of a named-input model whose inputs are a record and/or texts (e.g. <c>Predict(LoanApplication, string)</c>):
    /// the trainer featurizes the record and encodes each text with its <c>TextEncoder</c>, so callers never build tensors.
    /// </summary>
    internal static class TypedInputsEmitter
    {
        private const string Data = "global::ModelDsl.Data.";

        /// <summary>True when every input is the record or token ids, and at least one is token ids (a record alone is the record model of before).</summary>
        public static bool Applies(CheckedModel model) =>
            model.NamedInputs && model.Inputs.All(i => i.Kind is InputKind.Record or InputKind.Tokens) && model.Inputs.Any(i => i.Kind == InputKind.Tokens);

        public static void Emit(CodeWriter w, CheckedModel model, string trainer)
        {
            bool record = model.Features is not null;
            if (record)
                TrainerEmitter.EmitFeaturizerMembers(w, model, trainer);
            bool gpt2 = model.Inputs.Where(i => i.Kind == InputKind.Tokens).All(i => i.Vocabulary == 50257);
            // A token input read by a pretrained encoder is encoded with that encoder's own WordPiece vocabulary.
            string? pretrained = model.Inputs.Where(i => i.Kind == InputKind.Tokens).Select(i => model.PretrainedTextSource(i.Name)).FirstOrDefault(s => s is not null);

            w.Line();
            w.Line("/// <summary>");
            w.Line("/// Encodes the text inputs into token ids" + (pretrained is not null
                ? $" (by default the WordPiece tokenizer of the pretrained source {Literals.StringContent(pretrained).Replace("<", "&lt;").Replace(">", "&gt;")}: its vocab.txt, [CLS] … [SEP], padding id 0)."
                : gpt2
                ? " (GPT-2's byte-pair encoding by default, whose 50,257 ids the declared vocabulary matches)."
                : "; set it to an encoder of the declared vocabulary before building datasets or predicting from text."));
            w.Line("/// </summary>");
            string initial = pretrained is not null ? $" = global::ModelDsl.Pretrained.PretrainedWeights.TextEncoder({Literals.String(pretrained)});"
                : gpt2 ? $" = new {Data}TokenizedText();" : "";
            w.Line($"public {Data}ITextEncoder? TextEncoder {{ get; set; }}{initial}");
            w.Line();

            string Type(CheckedInput input) => input.Kind == InputKind.Record ? model.Features!.TypeName : "string";
            string ListOf(CheckedInput input) => $"global::System.Collections.Generic.IReadOnlyList<{Type(input)}>";
            string Parameter(CheckedInput input, string prefix = "") => prefix.Length == 0 ? Names.Escape(input.Name) : prefix + Pascal(input.Name);
            string Lists(string prefix, bool nullable = false) =>
                string.Join(", ", model.Inputs.Select(i => $"{ListOf(i)}{(nullable ? "?" : "")} {Parameter(i, prefix)}{(nullable ? " = null" : "")}"));
            string Arguments(string prefix, string suffix = "") => string.Join(", ", model.Inputs.Select(i => Parameter(i, prefix) + suffix));

            (string targets, string targetWord) = TypedExampleMembers.Targets(model);
            string first = Parameter(model.Inputs[0]);

            w.Line("/// <summary>The model's inputs for parallel lists (one entry per example in each), in the order forward() takes them.</summary>");
            w.Line("/// <exception cref=\"global::System.ArgumentException\">The lists differ in length, or a record cannot be featurized.</exception>");
            using (w.Block($"public {Data}ModelInputs ToInputs({Lists("")})"))
            {
                foreach (CheckedInput input in model.Inputs.Skip(1))
                {
                    string name = Parameter(input);
                    w.Line($"if ({name}.Count != {first}.Count)");
                    w.Line($"    throw new global::System.ArgumentException($\"'{input.Name}' has {{{name}.Count}} entries but '{model.Inputs[0].Name}' has {{{first}.Count}}; give one per example in each.\", nameof({name}));");
                }
                var parts = model.Inputs.Select(i => i.Kind == InputKind.Record
                    ? $"({Literals.String(i.Name)}, RequireFeaturizer().ToTensor({Parameter(i)}))"
                    : $"({Literals.String(i.Name)}, RequireTextEncoder({Literals.String(i.Name)}, {Literals.Integer(i.Vocabulary)}).Encode({Parameter(i)}, {Literals.Integer(i.Shape[0])}))");
                w.Line($"return new {Data}ModelInputs({string.Join(", ", parts)});");
            }
            w.Line();
            w.Line($"/// <summary>A dataset of the inputs and their {targetWord}.</summary>");
            using (w.Block($"public {Data}InMemoryDataset ToDataset({Lists("")}, {targets} targets)"))
            {
                w.Line($"if (targets.Count != {first}.Count)");
                w.Line($"    throw new global::System.ArgumentException($\"There are {{targets.Count}} targets for {{{first}.Count}} examples; give one per example.\", nameof(targets));");
                w.Line($"{Data}ModelInputs inputs = ToInputs({Arguments("")});");
                w.Line("return new(inputs, global::TorchSharp.torch.tensor(global::System.Linq.Enumerable.ToArray(targets)));");
            }
            w.Line();
            TypedExampleMembers.Emit(w, model, new TypedExamples(
                Subject: "the inputs", FeaturizerNote: record ? "; fits <see cref=\"Featurizer\"/> on the training records first unless one is set" : "",
                ValidationWord: "validation data",
                Parameters: Lists(""), TrainParameters: Lists("train"), ValidationParameters: Lists("validation", nullable: true),
                Arguments: Arguments(""), TrainArguments: Arguments("train"), ValidationArguments: Arguments("validation", "!"),
                ValidationMissing: "(" + string.Join(" && ", model.Inputs.Select(i => Parameter(i, "validation") + " is null")) + ")",
                ValidationMismatch: "Give every validation input and the validation targets together, or none.",
                FitFeaturizer: record ? $"Featurizer ??= FitFeaturizer({Parameter(model.Inputs.First(i => i.Kind == InputKind.Record), "train")});" : null,
                OneDoc: "for one example", OneParameters: string.Join(", ", model.Inputs.Select(i => $"{Type(i)} {Parameter(i)}")),
                OneAsMany: string.Join(", ", model.Inputs.Select(i => $"new[] {{ {Parameter(i)} }}")),
                ManyDoc: "for each example",
                PredictLines: new[]
                {
                    $"using {Data}ModelInputs inputs = ToInputs({Arguments("")});",
                    "float[] values = Predict(inputs).cpu().data<float>().ToArray();",
                }));
            w.Line();
            w.Line($"private {Data}ITextEncoder RequireTextEncoder(string input, long vocabulary)");
            w.Line("{");
            w.Line("    if (TextEncoder is null)");
            w.Line($"        throw new global::System.InvalidOperationException($\"{trainer} has no TextEncoder: set one whose vocabulary is the {{vocabulary}} ids input '{{input}}' declares.\");");
            w.Line("    if (TextEncoder.Vocabulary > vocabulary)");
            w.Line($"        throw new global::System.InvalidOperationException($\"{trainer}.TextEncoder produces {{TextEncoder.Vocabulary}} distinct ids, but input '{{input}}' declares a vocabulary of {{vocabulary}}.\");");
            w.Line("    return TextEncoder;");
            w.Line("}");
        }

        /// <summary><c>statement</c> → <c>Statement</c>, for parameters such as <c>trainStatement</c>.</summary>
        private static string Pascal(string name) =>
            string.Concat(name.Split('_').Where(p => p.Length > 0).Select(p => char.ToUpperInvariant(p[0]) + p.Substring(1)));
    }
}
