using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ModelDsl.Tests.Generator;

/// <summary>
/// Makes the fuzz cases: a seed from <see cref="FuzzCorpus"/> (or a random valid attribute stack) with one to three
/// seeded mutations, each of a named category (<c>number:int-limit</c>, <c>layer-name:member</c>, …). Case N of a seed
/// is the same on every run, whatever came before it. Categories in the skip list are never applied.
/// </summary>
internal sealed class SpecMutator(int seed, IReadOnlySet<string> skipped)
{
    private delegate (string Text, string Detail)? Edit(Random random, string text);

    private sealed record Mutation(string Category, Edit Apply);

    private static readonly string[] EdgeIntegers = ["0", "-1", "1", "2", "-0"];
    private static readonly string[] IntLimits = ["2147483647", "2147483648", "-2147483648", "-2147483649", "4294967295", "4294967296"];
    private static readonly string[] LongLimits = ["9223372036854775807", "9223372036854775808", "-9223372036854775809", "99999999999999999999999"];
    private static readonly string[] YamlNonFinite = ["1e400", "-1e400", "NaN", ".nan", ".NaN", "Infinity", "-Infinity", ".inf", "-.inf", "+.inf"];
    private static readonly string[] YamlFractions = ["0.5", "1e-400", "4.9e-324", "1.7976931348623157e308", "2.5", "1.0", "-0.0", "0x10", "1_000", "+3", "1e3", "0o17"];
    private static readonly string[] CSharpNonFinite = ["double.PositiveInfinity", "double.NegativeInfinity", "double.NaN", "1e400", "double.MaxValue", "1.0 / 0.0", "-double.Epsilon", "float.PositiveInfinity"];
    private static readonly string[] CSharpIntLimits = ["int.MaxValue", "int.MinValue", "2147483647", "2147483648", "4294967296", "long.MaxValue", "-2147483648"];
    private static readonly string[] CSharpFractions = ["0.5", "1e-300", "2.5", "0.999999999", "1.0000000000000002", "5e-324"];

    private static readonly string[] Keywords =
        ["class", "int", "var", "namespace", "event", "object", "string", "record", "partial", "global", "value", "async", "await", "nameof", "dynamic", "_", "this", "base", "operator", "default", "new", "file", "required", "scoped", "field", "unmanaged", "notnull", "when"];

    private static readonly string[] MemberNames =
        ["Summary", "forward", "InputShape", "OutputShape", "ParameterCount", "SpecHash", "FinalActivation", "Probabilities", "Predict", "Device", "Dispose", "Equals",
         "GetHashCode", "ToString", "GetType", "ReferenceEquals", "MemberwiseClone", "Finalize", "Create", "Fit", "Evaluate", "Module", "Trainer", "TrainingOptions",
         "torch", "nn", "System", "ModelDsl", "TorchSharp", "Models", "Tensor", "Featurizer", "Options", "Dataset", "Load", "Save", "name", "training", "Item"];

    private static readonly string[] LayerNames =
        ["name", "pre_hooks", "post_hooks", "ClearModules", "_parameters", "_buffers", "_modules", "_internal_submodules", "ReferenceEquals", "training", "forward",
         "Summary", "x", "input", "output", "logits", "scope", "device", "handle", "dense_1", "dense_2", "conv2d_1", "lstm_1", "gru_1_sequence", "seq_final",
         "enc_positions", "123", "_", "__", "a", "A", "register_module", "GetType", "MemberwiseClone", "children", "parameters", "state_dict", "to", "cuda", "cpu",
         "call", "eval", "train", "Dispose", "@class", "Equals", "InputShape", "torch", "System", "global", "ModelDsl", "Module", "layer", "layers", "weight",
         "bias", "Item", "Finalize", "GetName", "_to", "apply", "save", "load", "Tokens", "Risk", "Tabular", "OutputShape", "Probabilities", "SpecHash"];

    private static readonly string[] DerivedSuffixes = ["_positions", "_final", "_sequence", "_hidden", "_state", "_mask", "_output", "_1", "_out", "_weight", "_h0"];
    private static readonly string[] DerivedStems = ["enc", "seq", "gru_1", "lstm_1", "dense_1", "transformer_encoder_1", "embedding_1", "a"];

    private static readonly string[] OddCharacters =
        ["é", "\u200B", "\u2028", "\u2029", "\u0085", "\uFEFF", "😀", "\uD800", "\u202E", "e\u0301", "名前", "\u00A0", "\\", "\"", "'", "%", "@", "`", "|", ">", "&", "*", "!", "#", ":", "?", "{", "}", "[", "]", ","];

    private static readonly string[] ControlCharacters = ["\0", "\u0001", "\u001B", "\u007F", "\u0008", "\f", "\v"];

    private static readonly string[] YamlWrongValues =
        ["[]", "{}", "~", "null", "\"\"", "\"text\"", "'4'", "[1, [2]]", "{a: 1}", "true", "yes", "no", "on", "|\n  block text", ">-\n  folded", "[a, 1, true]", "-", "?", "''", "[[]]", "{type: dense}"];

    private static readonly string[] YamlFeatures =
        ["&anchor ", "*anchor", "!!str ", "!!int ", "!custom ", "!!binary ", "? ", "--- ", "... ", "%YAML 1.2\n---\n", "# comment\n", "<<: *anchor\n"];

    private static readonly (string Yaml, string CSharp)[] Activations =
        [("none", "None"), ("linear", "None"), ("relu", "ReLU"), ("gelu", "GELU"), ("tanh", "Tanh"), ("sigmoid", "Sigmoid"), ("softmax", "Softmax"),
         ("leaky_relu", "LeakyReLU"), ("elu", "ELU"), ("silu", "SiLU")];

    private static readonly string[] LayerArguments =
        ["units", "filters", "kernel", "stride", "padding", "padding_size", "dilation", "use_bias", "activation", "pool", "shape", "rate", "momentum", "epsilon",
         "vocabulary", "dimensions", "layers", "bidirectional", "return_sequences", "dropout", "heads", "feed_forward", "mode", "name", "type"];

    private static readonly (string Key, string[] Valid, string[] Extreme)[] TrainingOptions =
    [
        ("optimizer", ["adam", "adamw", "sgd", "rmsprop"], ["Adam", "adamm", "[adam]", "1"]),
        ("learning_rate", ["0.001", "0.1", "1"], ["0", "-1", "1e400", "NaN", ".inf", "1e-400", "4294967296"]),
        ("weight_decay", ["0", "0.01"], ["-1", "1e400", ".nan"]),
        ("momentum", ["0", "0.9"], ["Infinity", "-1", "1", "1e400"]),
        ("nesterov", ["true", "false"], ["yes", "1", "True"]),
        ("loss", ["auto", "cross_entropy", "binary_cross_entropy", "mse", "mae", "huber"], ["crossentropy", "l2", "[mse]"]),
        ("class_weights", ["[1.0]", "[1.0, 2.0]", "[1, 2, 3]"], ["[]", "[0]", "[-1, 1]", "[1e400, 1]", "[NaN]", "2.0"]),
        ("metrics", ["[accuracy]", "[mae, rmse]", "[roc_auc, f1, precision, recall]", "[]"], ["[accuracy, accuracy]", "[auc]", "accuracy", "[1]"]),
        ("batch_size", ["1", "8", "256"], ["0", "-1", "2147483647", "2147483648", "4294967296", "9223372036854775807"]),
        ("epochs", ["1", "3", "100"], ["0", "-1", "2147483647", "2147483648", "4294967296", "9223372036854775808"]),
        ("validation_split", ["0", "0.1", "0.5"], ["1", "-0.1", "NaN", "1e400"]),
        ("schedule", ["none", "step", "cosine", "one_cycle", "reduce_on_plateau", "warmup_linear", "warmup_cosine"], ["cosine_annealing", "Step", "warmup"]),
        ("warmup_steps", ["0", "100"], ["-1", "2147483648", "1.5"]),
        ("warmup_ratio", ["0", "0.1"], ["1", "-0.1", "NaN", "1e400"]),
        ("accumulate_steps", ["1", "4"], ["0", "-1", "2147483648"]),
        ("freeze", ["[]", "[dense_1]"], ["[nope]", "[dense_1.]", "[\"\"]", "dense_1", "[1]"]),
        ("decay_bias_and_norm", ["true", "false"], ["1", "maybe"]),
        ("step_size", ["1", "5"], ["0", "-1", "2147483648", "4294967296"]),
        ("gamma", ["0.1", "0.9"], ["0", "-1", "1e400", "NaN", "Infinity"]),
        ("schedule_patience", ["0", "3"], ["-1", "2147483648", "4294967296"]),
        ("monitor", ["val_loss", "loss", "val_accuracy", "val_mae", "val_roc_auc"], ["val_auc", "\"\"", "val_", "accuracy", "val_val_loss", "\"val loss\""]),
        ("patience", ["0", "2"], ["-1", "2147483648", "4294967296"]),
        ("min_delta", ["0", "0.01"], ["-1", "1e400", "NaN"]),
        ("restore_best_weights", ["true", "false"], ["1", "maybe"]),
        ("gradient_clip_norm", ["0", "1.0", "5"], ["1e400", "-1", "NaN", ".inf", "1.7976931348623157e308"]),
        ("seed", ["0", "42", "-7"], ["2147483648", "9223372036854775807", "4294967296", "1.5"]),
        ("device", ["auto", "cpu", "cuda", "cuda:0", "cuda:3"], ["tpu", "cuda:-1", "cuda:99999999999", "\"\"", "CUDA", "cuda:", "\"cpu\\\"\"", "\"a\\nb\""]),
        ("log_every_steps", ["0", "10"], ["-1", "2147483648", "4294967296"]),
    ];

    private static readonly (string Name, string[] Valid, string[] Extreme)[] TrainArguments =
    [
        ("Optimizer", ["Optimizer.Adam", "Optimizer.AdamW", "Optimizer.Sgd", "Optimizer.RmsProp"], ["(Optimizer)99", "(Optimizer)(-1)"]),
        ("LearningRate", ["0.001", "0.1"], ["0", "-1", "double.NaN", "double.PositiveInfinity", "1e-320", "double.MaxValue"]),
        ("WeightDecay", ["0", "0.01"], ["-1", "double.PositiveInfinity", "double.NaN"]),
        ("AccumulateSteps", ["1", "8"], ["0", "-1", "int.MinValue"]),
        ("WarmupRatio", ["0"], ["-1", "1", "double.NaN"]),
        ("Freeze", ["new string[0]"], ["new[] { \"\" }", "new[] { \"nope\" }", "null"]),
        ("Momentum", ["0.9"], ["double.PositiveInfinity", "-1", "1", "double.NaN"]),
        ("Loss", ["Loss.Auto", "Loss.CrossEntropy", "Loss.BinaryCrossEntropy", "Loss.Mse", "Loss.Mae", "Loss.Huber"], ["(Loss)99"]),
        ("Metrics", ["new[] { Metric.Accuracy }", "new[] { Metric.Mae, Metric.Rmse }", "new Metric[0]"], ["null", "new[] { (Metric)99 }", "new[] { Metric.F1, Metric.F1 }"]),
        ("ClassWeights", ["new[] { 1.0, 2.0 }", "new[] { 2.0 }"], ["new double[0]", "null", "new[] { double.NaN }", "new[] { -1.0, 1.0 }", "new[] { double.PositiveInfinity }"]),
        ("BatchSize", ["1", "64"], ["0", "-1", "int.MaxValue", "int.MinValue"]),
        ("Epochs", ["1", "5"], ["0", "-1", "int.MaxValue", "int.MinValue"]),
        ("ValidationSplit", ["0.2"], ["1", "-0.5", "double.NaN"]),
        ("Schedule", ["LearningRateSchedule.Cosine", "LearningRateSchedule.Step", "LearningRateSchedule.OneCycle", "LearningRateSchedule.ReduceOnPlateau"], ["(LearningRateSchedule)42"]),
        ("StepSize", ["2"], ["0", "int.MaxValue", "-3"]),
        ("Gamma", ["0.5"], ["double.NaN", "0", "double.PositiveInfinity"]),
        ("Monitor", ["\"val_loss\"", "\"loss\"", "\"val_accuracy\""], ["null", "\"\"", "\"val \\\"quoted\\\"\"", "\"val_loss\\n\"", "\"\\u0000\""]),
        ("Patience", ["3"], ["-1", "int.MaxValue"]),
        ("MinDelta", ["0.01"], ["double.NaN", "-1", "double.NegativeInfinity"]),
        ("RestoreBestWeights", ["true"], ["false"]),
        ("GradientClipNorm", ["1.0"], ["double.PositiveInfinity", "double.NaN", "-1", "1e308 * 10"]),
        ("Seed", ["1", "-1"], ["int.MaxValue", "int.MinValue"]),
        ("Device", ["\"cpu\"", "\"cuda:1\"", "\"auto\""], ["null", "\"\"", "\"tpu\"", "\"cuda:99999999999\"", "\"cuda:-1\"", "\"c\\\"pu\""]),
        ("LogEverySteps", ["5"], ["-1", "int.MaxValue"]),
    ];

    private static readonly string[] UserMembers =
    [
        "public int dense_1;", "public static string Summary() => \"\";", "public void forward() { }", "public const string SpecHash = \"\";",
        "public static long ParameterCount => 0;", "public {0}() {{ }}", "public {0}(int width) {{ }}", "public override string ToString() => \"\";",
        "protected override void Dispose(bool disposing) {{ }}", "public int conv2d_1 {{ get; set; }}", "public static int[] InputShape => new int[0];",
        "private int x;", "public void Probabilities() { }", "public sealed class Trainer { }", "public static int Device;", "public int _parameters;",
        "public new void Dispose() { }", "~{0}() {{ }}", "public static implicit operator int({0} model) => 0;", "public int this[int i] => i;",
        "public event System.Action? forward_hook;", "public new string name = \"\";", "public static {0} Create() => null!;",
        "public static string FinalActivation = \"\";", "public int lstm_1;", "public void embedding_1() { }", "public const int OutputShape = 1;",
        "public static object? Predict(object input) => input;", "public partial void Hook();", "static {0}() {{ }}", "public int @class;",
    ];

    private static readonly string[] Modifiers =
        ["public class", "public static partial class", "public abstract partial class", "public sealed partial class", "internal partial class", "file partial class",
         "public partial struct", "public partial record", "public partial record class", "public readonly partial struct", "public unsafe partial class",
         "protected partial class", "private partial class", "public ref partial struct", "public partial interface", "partial class"];

    // Declared before the tables that include them: static fields initialise in order.
    private static readonly Mutation[] LineMutations =
    [
        new("delete-line", (r, t) => EditLines(r, t, lines => { int i = r.Next(lines.Count); string gone = lines[i]; lines.RemoveAt(i); return $"line {i + 1} '{gone.Trim()}' deleted"; })),
        new("duplicate-line", (r, t) => EditLines(r, t, lines => { int i = r.Next(lines.Count); lines.Insert(i, lines[i]); return $"line {i + 1} duplicated"; })),
        new("swap-lines", (r, t) => EditLines(r, t, lines => { int i = r.Next(lines.Count), j = r.Next(lines.Count); (lines[i], lines[j]) = (lines[j], lines[i]); return $"lines {i + 1} and {j + 1} swapped"; })),
    ];

    private static readonly Mutation[] YamlMutations =
    [
        .. LineMutations,
        .. NumberMutations(YamlNumber, IntLimits, YamlNonFinite, YamlFractions),
        new("number:long-limit", (r, t) => ReplaceMatch(r, t, YamlNumber, Pick(r, LongLimits))),
        new("model-name:keyword", (r, t) => ReplaceMatch(r, t, YamlModelName, Pick(r, Keywords))),
        new("model-name:member", (r, t) => ReplaceMatch(r, t, YamlModelName, Pick(r, MemberNames))),
        new("model-name:malformed", (r, t) => ReplaceMatch(r, t, YamlModelName, Pick(r, ["9lives", "a-b", "a.b", "A B", "\"Quoted\"", "Modèle", "名前", "_", "@Risk", new string('N', 600), "\"\""]))),
        .. LayerNameMutations(NameYamlLayer),
        new("deep-nesting", (r, t) => DeepNesting(r, t)),
        new("line-endings:cr", (r, t) => (t.Replace("\n", "\r"), "every \\n became \\r")),
        new("line-endings:crlf", (r, t) => (t.Replace("\n", "\r\n"), "every \\n became \\r\\n")),
        new("line-endings:mixed", (r, t) => (Regex.Replace(t, "\n", _ => Pick(r, ["\n", "\r", "\r\n", "\n\r"])), "line breaks mixed")),
        new("characters:tab", (r, t) => InsertAt(r, t, "\t")),
        new("characters:unicode", (r, t) => InsertAt(r, t, Pick(r, OddCharacters))),
        new("characters:control", (r, t) => InsertAt(r, t, Pick(r, ControlCharacters))),
        new("characters:bom", (r, t) => r.Next(2) == 0 ? ("\uFEFF" + t, "BOM at the start") : InsertAt(r, t, "\uFEFF")),
        new("truncate", (r, t) => { int at = r.Next(t.Length); return (t[..at], $"truncated after {at} of {t.Length} characters"); }),
        new("near-miss:layer-type", (r, t) => ReplaceMatch(r, t, YamlLayerType, m => NearMiss(r, m))),
        new("near-miss:key", (r, t) => ReplaceMatch(r, t, YamlKey, m => NearMiss(r, m))),
        new("namespace:keyword", (r, t) => ReplaceMatch(r, t, YamlNamespace, FuzzCase.MarkerPlaceholder + "." + Pick(r, ["class", "int", "var", "namespace", "global", "@class", "partial", "record", "value"]))),
        new("namespace:malformed", (r, t) => ReplaceMatch(r, t, YamlNamespace, Pick(r, ["@ID@..X", "@ID@.", ".@ID@", "@ID@ .X", "@ID@.a-b", "global::@ID@", "@ID@.1x", "@ID@.Modèle", "@ID@.名前", "\"@ID@.Q\"", "@ID@." + new string('N', 600)]))),
        new("namespace:shadowing", (r, t) => ReplaceMatch(r, t, YamlNamespace, FuzzCase.MarkerPlaceholder + "." + Pick(r, ["System", "ModelDsl", "TorchSharp", "Models.torch", "Models.System", "global", "Microsoft", "Tensor", "Risk", "Tokens", "NewsTransformer", "PriceLstm", "Same"]))),
        new("wrong-type", (r, t) => ReplaceMatch(r, t, YamlValue, Pick(r, YamlWrongValues))),
        new("yaml-feature", (r, t) => InsertAtLineStartOrValue(r, t, Pick(r, YamlFeatures))),
        new("add-layer", (r, t) => AddYamlLayer(r, t)),
        new("layer-argument", (r, t) => AddYamlArgument(r, t)),
        new("training-option:valid", (r, t) => SetTrainingOption(r, t, extreme: false)),
        new("training-option:extreme", (r, t) => SetTrainingOption(r, t, extreme: true)),
    ];

    private static readonly Mutation[] CSharpMutations =
    [
        .. LineMutations,
        .. NumberMutations(CSharpNumber, CSharpIntLimits, CSharpNonFinite, CSharpFractions),
        new("attribute-argument:misspelt", (r, t) => ReplaceMatch(r, t, CSharpNamedArgument, m => NearMiss(r, m))),
        new("attribute-argument:enum", (r, t) => ReplaceMatch(r, t, CSharpEnumValue, m =>
        {
            string type = m.Split('.')[0];
            return Pick(r, [$"({type})99", $"({type})(-1)", $"{type}.{NearMiss(r, m.Split('.')[1])}", "default", "0", $"({type})int.MaxValue"]);
        })),
        new("attribute-argument:removed", (r, t) => ReplaceMatch(r, t, CSharpAttributeArguments, Pick(r, ["()", "", "(", "(,)"]))),
        new("attribute-argument:extra", (r, t) => ReplaceMatch(r, t, CSharpAttributeClose, Pick(r, [", 7)", ", 2, 3)", ", Name = \"x\")", ", Name = \"extra\", Name = \"again\")", ", null)", ", \"4\")"]))),
        .. LayerNameMutations(NameAttributeLayer),
        new("layer-name:odd", (r, t) => NameAttributeLayer(r, t, Pick(r, ["", " ", "a b", "a\\\"b", "a\\nb", "é", "名前", "\\u0000", new string('n', 600), "dense-1"]))),
        new("class-name:keyword", (r, t) => RenameClass(r, t, Pick(r, ["@int", "@class", "var", "record", "@partial", "value", "_", "@namespace", "dynamic", "nameof", "async", "@event", "await", "notnull"]))),
        new("class-name:member", (r, t) => RenameClass(r, t, Pick(r, MemberNames.Where(SyntaxFactsIsIdentifier).ToArray()))),
        new("class-name:unicode", (r, t) => RenameClass(r, t, Pick(r, ["Modèle", "Ñet", "ΜοντέλοNet", "名前", "A\u0301b", "Ⅻ", "model_1", "_Model", "__", "X" + new string('x', 600)]))),
        new("cs-namespace:keyword", (r, t) => ReplaceMatch(r, t, CSharpNamespace, FuzzCase.MarkerPlaceholder + "." + Pick(r, ["@class", "@int", "var", "@namespace", "record", "@global", "value"]))),
        new("cs-namespace:shadowing", (r, t) => ReplaceMatch(r, t, CSharpNamespace, FuzzCase.MarkerPlaceholder + "." + Pick(r, ["System", "ModelDsl", "TorchSharp", "Models.torch", "Microsoft", "Tensor", "Linq", "Collections.Generic"]))),
        new("cs-namespace:unicode", (r, t) => ReplaceMatch(r, t, CSharpNamespace, FuzzCase.MarkerPlaceholder + "." + Pick(r, ["Modèle", "名前", "Ñ.Ü", "Ⅻ"]))),
        new("cs-namespace:block", (r, t) => BlockNamespace(r, t)),
        new("partial-declaration:second", (r, t) => ClassName(t) is { } name ? (t + $"\npublic partial class {name} {{ }}\n", "a second partial declaration") : null),
        new("partial-declaration:second-model", (r, t) => ClassName(t) is { } name
            ? (t + $"\n[Model({Pick(r, ["4", "8", "2, 2"])})][Dense({r.Next(1, 5)})] public partial class {name} {{ }}\n", "[Model] on a second partial declaration") : null),
        new("partial-declaration:modifiers", (r, t) => ReplaceMatch(r, t, CSharpClassModifiers, Pick(r, Modifiers))),
        new("partial-declaration:generic", (r, t) => ClassName(t) is { } name ? ReplaceFirst(t, "class " + name + " ", "class " + name + Pick(r, ["<T> ", "<T> where T : struct ", "<TModel, TTrainer> "]), "made generic") : null),
        new("partial-declaration:nested", (r, t) => NestInClass(r, t)),
        new("user-member", (r, t) => AddUserMember(r, t)),
        new("custom-layer-attribute", (r, t) => CustomLayer(r, t)),
        new("add-layer", (r, t) => AddAttributeLayer(r, t)),
        new("train-argument:valid", (r, t) => SetTrainArgument(r, t, extreme: false)),
        new("train-argument:extreme", (r, t) => SetTrainArgument(r, t, extreme: true)),
        new("line-endings:cr", (r, t) => (t.Replace("\n", "\r"), "every \\n became \\r")),
        new("line-endings:crlf", (r, t) => (t.Replace("\n", "\r\n"), "every \\n became \\r\\n")),
        new("characters:unicode", (r, t) => InsertAt(r, t, Pick(r, OddCharacters))),
        new("characters:bom", (r, t) => ("\uFEFF" + t, "BOM at the start")),
    ];

    /// <summary>Layer names that are keywords, members the generated code or Module has, or a name and one derived from it (<c>enc</c>, <c>enc_positions</c>).</summary>
    private static Mutation[] LayerNameMutations(Func<Random, string, string, (string Text, string Detail)?> name) =>
    [
        new("layer-name:keyword", (r, t) => name(r, t, Pick(r, Keywords))),
        new("layer-name:member", (r, t) => name(r, t, Pick(r, LayerNames))),
        new("layer-name:derived", (r, t) =>
        {
            string stem = Pick(r, DerivedStems);
            return name(r, t, stem) is { } first && name(r, first.Text, stem + Pick(r, DerivedSuffixes)) is { } second
                ? (second.Text, first.Detail + "; " + second.Detail) : null;
        }),
    ];

    private static Mutation[] NumberMutations(string pattern, string[] intLimits, string[] nonFinite, string[] fractions) =>
    [
        new("number:edge", (r, t) => ReplaceMatch(r, t, pattern, Pick(r, EdgeIntegers))),
        new("number:int-limit", (r, t) => ReplaceMatch(r, t, pattern, Pick(r, intLimits))),
        new("number:non-finite", (r, t) => ReplaceMatch(r, t, pattern, Pick(r, nonFinite))),
        new("number:fraction", (r, t) => ReplaceMatch(r, t, pattern, Pick(r, fractions))),
    ];

    private const string YamlNumber = @"(?<=[:\[,{]\s*)[-+]?\d+(\.\d+)?([eE][-+]?\d+)?(?=\s*([,\]}#]|$))";
    private const string YamlModelName = @"(?<=^name:\s*)\S.*$";
    private const string YamlNamespace = @"(?<=^namespace:\s*)\S.*$";
    private const string YamlLayerType = @"(?<=type:\s*)\w+";
    private const string YamlKey = @"(?<=^[\s\-{]*|[{,]\s*)[a-z_]+(?=:)";
    private const string YamlValue = @"(?<=^\s*-?\s*[a-z_]+:[ ]+)[^\s#].*$";
    private const string CSharpNumber = @"(?<=\[\w+\([^\n]*)(?<![\w.])\d+(\.\d+)?([eE][-+]?\d+)?(?![\w.])";
    private const string CSharpNamedArgument = @"(?<=[(,]\s*)[A-Z]\w*(?=\s*=[^=])";
    private const string CSharpEnumValue = @"\b(Activation|Loss|Optimizer|Metric|Padding|SequencePooling|LearningRateSchedule)\.\w+";
    private const string CSharpAttributeArguments = @"(?<=^\[(Dense|Conv1D|Conv2D|MaxPool1D|MaxPool2D|AvgPool1D|AvgPool2D|Dropout|Reshape|Embedding|LSTM|GRU|TransformerEncoder|SequencePool|Activation|Model|Train))\([^\n]*\)(?=\])";
    private const string CSharpAttributeClose = @"(?<=^\[\w+\([^\n]*)\)(?=\])";
    private const string CSharpNamespace = @"(?<=^namespace )@ID@[\w.]*(?=;)";
    private const string CSharpClassModifiers = @"^(public |internal )?(sealed )?partial class(?= \w+\s*(\{|$))";

    /// <summary>The next case: seeded by (seed, id) only, so a failing case can be made again from its id.</summary>
    public FuzzCase Next(int id, bool yaml)
    {
        var random = new Random(unchecked(seed * 100_003 + id));
        Mutation[] allowed = (yaml ? YamlMutations : CSharpMutations).Where(m => !IsSkipped(m.Category)).ToArray();
        string text;
        if (yaml)
            text = Pick(random, FuzzCorpus.YamlSeeds);
        else if (random.Next(3) == 0)
            text = "using ModelDsl;\nnamespace @ID@.Random;\n" + RandomModelTests.RandomStack(random).Attributes.Replace("][", "]\n[") + "public partial class Stack { }\n";
        else
            text = Pick(random, FuzzCorpus.CSharpSeeds);

        var applied = new List<string>();
        int count = random.Next(100) switch { < 3 => 0, < 55 => 1, < 85 => 2, _ => 3 };
        for (int n = 0, tries = 0; n < count && tries < 20; tries++)
        {
            Mutation mutation = Pick(random, allowed);
            if (mutation.Apply(random, text) is not { } result)
                continue;
            text = result.Text;
            applied.Add($"{mutation.Category} ({result.Detail})");
            n++;
        }

        string marker = FuzzCase.MarkerOf(id);
        var yamlFiles = new List<FuzzCase.File>();
        var csharpFiles = new List<FuzzCase.File>();
        if (yaml)
        {
            yamlFiles.Add(new($"fuzz/{marker}.model.yaml", text.Replace(FuzzCase.MarkerPlaceholder, marker)));
            if (text.Contains("features:", StringComparison.Ordinal))
                csharpFiles.Add(new($"{marker}.Record.cs", FuzzCorpus.YamlRecord.Replace(FuzzCase.MarkerPlaceholder, marker)));
            if (random.Next(25) == 0 && Twin(random, text) is { } twin && !IsSkipped(twin.Category))
            {
                applied.Add(twin.Category);
                if (twin.IsYaml)
                    yamlFiles.Add(new($"fuzz/{marker}.twin.model.yaml", twin.Text.Replace(FuzzCase.MarkerPlaceholder, marker)));
                else
                    csharpFiles.Add(new($"{marker}.Twin.cs", twin.Text.Replace(FuzzCase.MarkerPlaceholder, marker)));
            }
        }
        else
        {
            if (random.Next(25) == 0 && !IsSkipped("twin-model:trainer") && ClassName(text) is { } name)
            {
                text += $"\n[Model(4)][Dense(2)] public partial class {name.TrimStart('@')}Trainer {{ }}\n";
                applied.Add("twin-model:trainer");
            }
            csharpFiles.Add(new($"{marker}.cs", text.Replace(FuzzCase.MarkerPlaceholder, marker)));
        }
        return new FuzzCase(id, yaml, applied.Count == 0 ? "none" : string.Join("; ", applied), [.. yamlFiles], [.. csharpFiles]);
    }

    private bool IsSkipped(string category) => skipped.Contains(category) || skipped.Contains(category.Split(':')[0]);

    /// <summary>A second model beside a YAML model: named like one of its generated types, or the same model again.</summary>
    private static (string Category, bool IsYaml, string Text)? Twin(Random random, string yaml)
    {
        Match name = Regex.Match(yaml, YamlModelName, RegexOptions.Multiline);
        if (!name.Success)
            return null;
        string model = name.Value.Trim();
        string Renamed(string newName) => yaml.Remove(name.Index, name.Length).Insert(name.Index, newName);
        Match ns = Regex.Match(yaml, YamlNamespace, RegexOptions.Multiline);
        string csharpNamespace = ns.Success ? ns.Value.Trim() : "ModelDsl.Generated";
        return random.Next(4) switch
        {
            0 => ("twin-model:trainer", true, Renamed(model + "Trainer")),
            1 => ("twin-model:featurizer", true, Renamed(model + "Featurizer")),
            2 => ("twin-model:same-name", true, yaml),
            _ => ("twin-model:attribute", false, $"using ModelDsl;\nnamespace {csharpNamespace};\n[Model(4)][Dense(2)] public partial class {model}{Pick(random, ["", "Trainer"])} {{ }}\n"),
        };
    }

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private static bool SyntaxFactsIsIdentifier(string name) =>
        Microsoft.CodeAnalysis.CSharp.SyntaxFacts.IsValidIdentifier(name) && Microsoft.CodeAnalysis.CSharp.SyntaxFacts.GetKeywordKind(name) == Microsoft.CodeAnalysis.CSharp.SyntaxKind.None;

    private static (string Text, string Detail)? EditLines(Random random, string text, Func<List<string>, string> edit)
    {
        var lines = text.Split('\n').ToList();
        if (lines.Count < 2)
            return null;
        string detail = edit(lines);
        return (string.Join("\n", lines), detail);
    }

    private static (string Text, string Detail)? ReplaceMatch(Random random, string text, string pattern, string replacement) =>
        ReplaceMatch(random, text, pattern, _ => replacement);

    private static (string Text, string Detail)? ReplaceMatch(Random random, string text, string pattern, Func<string, string> replacement)
    {
        MatchCollection matches = Regex.Matches(text, pattern, RegexOptions.Multiline);
        if (matches.Count == 0)
            return null;
        Match match = matches[random.Next(matches.Count)];
        string value = replacement(match.Value);
        return (text.Remove(match.Index, match.Length).Insert(match.Index, value), $"'{Short(match.Value)}' → '{Short(value)}' at line {LineOf(text, match.Index)}");
    }

    private static (string Text, string Detail)? ReplaceFirst(string text, string find, string replacement, string detail)
    {
        int at = text.IndexOf(find, StringComparison.Ordinal);
        return at < 0 ? null : (text.Remove(at, find.Length).Insert(at, replacement), detail);
    }

    private static string Short(string value) => value.Length <= 40 ? value.Replace("\n", "\\n") : value[..20].Replace("\n", "\\n") + $"…({value.Length} chars)";

    private static int LineOf(string text, int offset) => text.AsSpan(0, offset).Count('\n') + 1;

    private static (string Text, string Detail) InsertAt(Random random, string text, string inserted)
    {
        int at = random.Next(text.Length + 1);
        return (text.Insert(at, inserted), $"'{Short(inserted)}' (U+{(int)inserted[0]:X4}) inserted at line {LineOf(text, at)}");
    }

    private static (string Text, string Detail) InsertAtLineStartOrValue(Random random, string text, string inserted)
    {
        MatchCollection values = Regex.Matches(text, YamlValue, RegexOptions.Multiline);
        int at;
        if (random.Next(2) == 0 && values.Count > 0)
            at = values[random.Next(values.Count)].Index;
        else
        {
            MatchCollection starts = Regex.Matches(text, "^", RegexOptions.Multiline);
            at = starts[random.Next(starts.Count)].Index;
        }
        return (text.Insert(at, inserted), $"'{Short(inserted)}' inserted at line {LineOf(text, at)}");
    }

    /// <summary>A near miss of a name: two letters swapped, one dropped or doubled, the case changed, an underscore added or dropped.</summary>
    private static string NearMiss(Random random, string name)
    {
        if (name.Length < 2)
            return name + "_";
        int i = random.Next(name.Length - 1);
        return random.Next(8) switch
        {
            0 => name[..i] + name[i + 1] + name[i] + name[(i + 2)..],
            1 => name.Remove(i, 1),
            2 => name.Insert(i, name[i].ToString()),
            3 => name.ToUpperInvariant(),
            4 => char.ToUpperInvariant(name[0]) + name[1..],
            5 => name + "_",
            6 => name.Contains('_') ? name.Replace("_", "") : name.Insert(i + 1, "_"),
            _ => name.Replace('_', '-'),
        };
    }

    /// <summary>Gives one YAML layer a name: an existing <c>name:</c> is replaced, else one is added after its <c>type:</c>.</summary>
    private static (string Text, string Detail)? NameYamlLayer(Random random, string text, string name)
    {
        var lines = text.Split('\n').ToList();
        var layers = lines.Select((line, index) => (line, index)).Where(l => Regex.IsMatch(l.line, @"^\s*- *(\{ *)?type:")).Select(l => l.index).ToList();
        if (layers.Count == 0)
            return null;
        int at = Pick(random, layers);
        string line = lines[at];
        if (line.Contains('{'))
        {
            lines[at] = Regex.IsMatch(line, @"\bname: *[^,}]*")
                ? Regex.Replace(line, @"\bname: *[^,}]*", "name: " + name)
                : Regex.Replace(line, @"\{ *", "{ name: " + name + ", ");
        }
        else
        {
            string indent = new string(' ', line.IndexOf('-', StringComparison.Ordinal) + 2);
            int end = at + 1;
            while (end < lines.Count && lines[end].StartsWith(indent, StringComparison.Ordinal) && !lines[end].TrimStart().StartsWith('-'))
                end++;
            int existing = Enumerable.Range(at + 1, end - at - 1).FirstOrDefault(i => lines[i].TrimStart().StartsWith("name:", StringComparison.Ordinal), -1);
            if (existing >= 0)
                lines[existing] = indent + "name: " + name;
            else
                lines.Insert(at + 1, indent + "name: " + name);
        }
        return (string.Join("\n", lines), $"layer at line {at + 1} named '{Short(name)}'");
    }

    /// <summary>Deeply nested flow collections as a value (closed or not): the parser must bound its depth.</summary>
    private static (string Text, string Detail)? DeepNesting(Random random, string text)
    {
        int depth = Pick(random, [65, 200, 1000, 5000, 20_000, 100_000, 250_000]);
        (string open, string close) = Pick(random, [("[", "]"), ("{", "}"), ("[{", "}]"), ("{a: ", "}"), ("[1, ", "]")]);
        int budget = (ModelDsl.Generator.Parsing.YamlModelParser.MaxLength - text.Length - 100) / (open.Length + close.Length);
        depth = Math.Max(1, Math.Min(depth, budget));
        bool closed = random.Next(3) != 0;
        string nested = new StringBuilder().Insert(0, open, depth).Append(closed ? new StringBuilder().Insert(0, close, depth).ToString() : "").ToString();
        MatchCollection values = Regex.Matches(text, YamlValue, RegexOptions.Multiline);
        Match layers = Regex.Match(text, @"(?<=^layers:)[^\n]*(\n[ -].*)*", RegexOptions.Multiline);
        if (random.Next(2) == 0 && layers.Success)
            return (text.Remove(layers.Index, layers.Length).Insert(layers.Index, " " + nested), $"layers: {open}×{depth}{(closed ? " closed" : " unclosed")}");
        if (values.Count == 0)
            return null;
        Match value = values[random.Next(values.Count)];
        return (text.Remove(value.Index, value.Length).Insert(value.Index, nested), $"value at line {LineOf(text, value.Index)}: {open}×{depth}{(closed ? " closed" : " unclosed")}");
    }

    /// <summary>A small valid-looking layer of a random kind, written for YAML (a flow mapping, which fits any indentation) and as an attribute.</summary>
    private static (string Yaml, string CSharp) PaletteLayer(Random random)
    {
        int n = random.Next(1, 9), kernel = random.Next(1, 4), heads = random.Next(1, 3), rows = random.Next(1, 5), columns = random.Next(1, 5);
        (string yamlActivation, string activation) = Pick(random, Activations);
        (string yamlMode, string mode) = Pick(random, [("last", "Last"), ("mean", "Mean"), ("first", "First")]);
        (string yamlPool, string pool) = Pick(random, [("max_pool1d", "MaxPool1D"), ("max_pool2d", "MaxPool2D"), ("avg_pool1d", "AvgPool1D"), ("avg_pool2d", "AvgPool2D")]);
        string sequences = random.Next(2) == 0 ? "true" : "false";
        double rate = random.Next(0, 10) / 10.0;
        return random.Next(15) switch
        {
            0 => ($"{{ type: dense, units: {n}, activation: {yamlActivation} }}", $"[Dense({n}, Activation = Activation.{activation})]"),
            1 => ($"{{ type: conv2d, filters: {n}, kernel: {kernel} }}", $"[Conv2D({n}, Kernel = {kernel})]"),
            2 => ("{ type: flatten }", "[Flatten]"),
            3 => (Invariant($"{{ type: dropout, rate: {rate} }}"), Invariant($"[Dropout({rate})]")),
            4 => ($"{{ type: lstm, units: {n}, return_sequences: {sequences} }}", $"[LSTM({n}, ReturnSequences = {sequences})]"),
            5 => ($"{{ type: gru, units: {n}, bidirectional: true }}", $"[GRU({n}, Bidirectional = true)]"),
            6 => ($"{{ type: embedding, vocabulary: {n * 5}, dimensions: {n * 2} }}", $"[Embedding({n * 5}, {n * 2})]"),
            7 => ($"{{ type: transformer_encoder, heads: {heads} }}", $"[TransformerEncoder(Heads = {heads})]"),
            8 => ($"{{ type: sequence_pool, mode: {yamlMode} }}", $"[SequencePool(SequencePooling.{mode})]"),
            9 => ($"{{ type: reshape, shape: [{rows}, {columns}] }}", $"[Reshape({rows}, {columns})]"),
            10 => ("{ type: global_avg_pool }", "[GlobalAvgPool]"),
            11 => random.Next(2) == 0 ? ("{ type: batch_norm }", "[BatchNorm]") : ("{ type: layer_norm }", "[LayerNorm]"),
            12 => ($"{{ type: {yamlPool}, pool: 2 }}", $"[{pool}(2)]"),
            13 => ($"{{ type: conv1d, filters: {n}, kernel: {kernel}, padding: same }}", $"[Conv1D({n}, Kernel = {kernel}, Padding = Padding.Same)]"),
            _ => ($"{{ type: activation, activation: {yamlActivation} }}", $"[Activation(Activation.{activation})]"),
        };
    }

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);

    /// <summary>Inserts a palette layer before or after one of the layers (in flow style, which fits any indentation).</summary>
    private static (string Text, string Detail)? AddYamlLayer(Random random, string text)
    {
        var lines = text.Split('\n').ToList();
        var layers = lines.Select((line, index) => (line, index)).Where(l => Regex.IsMatch(l.line, @"^\s*- *(\{ *)?type:")).Select(l => l.index).ToList();
        if (layers.Count == 0)
            return null;
        int at = Pick(random, layers);
        string indent = lines[at][..lines[at].IndexOf('-', StringComparison.Ordinal)];
        string layer = PaletteLayer(random).Yaml;
        lines.Insert(at, indent + "- " + layer);
        return (string.Join("\n", lines), $"{layer} inserted at line {at + 1}");
    }

    private static string RandomArgumentValue(Random random, string key) => key switch
    {
        "activation" => Pick(random, Activations).Yaml,
        "padding" => Pick(random, ["valid", "same", "full"]),
        "mode" => Pick(random, ["last", "mean", "first", "max"]),
        "shape" => Pick(random, ["[2, 2]", "[4]", "[-1]", "[0, 4]", "[]", "[2147483648, 1]"]),
        "use_bias" or "bidirectional" or "return_sequences" => Pick(random, ["true", "false", "1"]),
        "rate" or "dropout" or "momentum" or "epsilon" => Pick(random, ["0", "0.5", "0.99", "1", "-0.1", "1e-5", "NaN"]),
        "name" => Pick(random, LayerNames),
        "type" => Pick(random, ["dense", "flatten", "lstm"]),
        _ => Pick(random, ["1", "2", "3", "8", "0", "-1", "64"]),
    };

    private static (string Text, string Detail)? AddYamlArgument(Random random, string text)
    {
        var lines = text.Split('\n').ToList();
        var layers = lines.Select((line, index) => (line, index)).Where(l => Regex.IsMatch(l.line, @"^\s*- *(\{ *)?type:")).Select(l => l.index).ToList();
        if (layers.Count == 0)
            return null;
        int at = Pick(random, layers);
        string key = Pick(random, LayerArguments);
        string value = RandomArgumentValue(random, key);
        string line = lines[at];
        if (line.Contains('{'))
            lines[at] = Regex.Replace(line, @"\{ *", "{ " + key + ": " + value + ", ");
        else
            lines.Insert(at + 1, new string(' ', line.IndexOf('-', StringComparison.Ordinal) + 2) + key + ": " + value);
        return (string.Join("\n", lines), $"{key}: {value} added to the layer at line {at + 1}");
    }

    private static (string Text, string Detail)? SetTrainingOption(Random random, string text, bool extreme)
    {
        var option = Pick(random, TrainingOptions);
        string value = Pick(random, extreme ? option.Extreme : option.Valid);
        var lines = text.Split('\n').ToList();
        int training = lines.FindIndex(l => l.StartsWith("training:", StringComparison.Ordinal));
        if (training < 0)
        {
            lines.Add($"training:\n  {option.Key}: {value}");
            return (string.Join("\n", lines), $"training: {option.Key}: {value} added");
        }
        if (lines[training].Contains('{'))
        {
            lines[training] = Regex.Replace(lines[training], @"\{ *", "{ " + option.Key + ": " + value + ", ");
            return (string.Join("\n", lines), $"training {option.Key}: {value} added");
        }
        int existing = lines.FindIndex(training, l => l.TrimStart().StartsWith(option.Key + ":", StringComparison.Ordinal));
        if (existing >= 0)
            lines[existing] = "  " + option.Key + ": " + value;
        else
            lines.Insert(training + 1, "  " + option.Key + ": " + value);
        return (string.Join("\n", lines), $"training {option.Key}: {value}");
    }

    private static string? ClassName(string source)
    {
        int model = source.LastIndexOf("[Model", StringComparison.Ordinal);
        if (model < 0)
            return null;
        Match name = Regex.Match(source[model..], @"\b(?:class|record|struct)\s+(@?\w+)");
        return name.Success ? name.Groups[1].Value : null;
    }

    private static (string Text, string Detail)? RenameClass(Random random, string text, string name)
    {
        if (ClassName(text) is not { } old)
            return null;
        return (Regex.Replace(text, $@"(?<![\w@]){Regex.Escape(old)}(?!\w)", name), $"class {old} renamed {Short(name)}");
    }

    /// <summary>Adds or replaces <c>Name = "…"</c> on one layer attribute.</summary>
    private static (string Text, string Detail)? NameAttributeLayer(Random random, string text, string name)
    {
        MatchCollection layers = Regex.Matches(text, @"\[(Dense|Conv1D|Conv2D|MaxPool1D|MaxPool2D|AvgPool1D|AvgPool2D|Dropout|Reshape|Embedding|LSTM|GRU|TransformerEncoder|SequencePool|Activation|Flatten|BatchNorm|LayerNorm|GlobalAvgPool)(\([^\n\]]*\))?\]");
        if (layers.Count == 0)
            return null;
        Match layer = layers[random.Next(layers.Count)];
        string attribute = layer.Value;
        string named = Regex.IsMatch(attribute, @"Name = ""[^""]*""")
            ? Regex.Replace(attribute, @"Name = ""[^""]*""", $"Name = \"{name}\"")
            : layer.Groups[2].Success && layer.Groups[2].Value != "()"
                ? attribute[..^2] + $", Name = \"{name}\")]"
                : $"[{layer.Groups[1].Value}(Name = \"{name}\")]";
        return (text.Remove(layer.Index, layer.Length).Insert(layer.Index, named), $"{layer.Groups[1].Value} at line {LineOf(text, layer.Index)} named '{Short(name)}'");
    }

    private static (string Text, string Detail)? BlockNamespace(Random random, string text)
    {
        Match ns = Regex.Match(text, @"^namespace ([\w.@]+);[^\n]*\n", RegexOptions.Multiline);
        if (!ns.Success)
            return null;
        string body = text[(ns.Index + ns.Length)..];
        string head = text[..ns.Index];
        return random.Next(2) == 0
            ? ($"{head}namespace {ns.Groups[1].Value}\n{{\n{body}\n}}\n", "block-scoped namespace")
            : ($"{head}namespace {ns.Groups[1].Value}\n{{\nnamespace Inner\n{{\n{body}\n}}\n}}\n", "nested block-scoped namespaces");
    }

    private static (string Text, string Detail)? NestInClass(Random random, string text)
    {
        int model = text.LastIndexOf("[Model", StringComparison.Ordinal);
        if (model < 0)
            return null;
        string outer = Pick(random, ["public static partial class Outer", "public partial class Outer", "internal partial struct Outer", "public class Outer"]);
        return (text[..model] + outer + "\n{\n" + text[model..] + "\n}\n", $"nested in '{outer}'");
    }

    /// <summary>Adds a member to the model's partial class body (its first <c>{ }</c> or <c>{\n}</c> after the class name).</summary>
    private static (string Text, string Detail)? AddUserMember(Random random, string text)
    {
        if (ClassName(text) is not { } name)
            return null;
        Match body = Regex.Match(text[text.LastIndexOf("[Model", StringComparison.Ordinal)..], @"\{\s*\}");
        if (!body.Success)
            return null;
        int at = text.LastIndexOf("[Model", StringComparison.Ordinal) + body.Index;
        string template = Pick(random, UserMembers);
        string member = template.Contains("{0}", StringComparison.Ordinal) ? string.Format(CultureInfo.InvariantCulture, template, name.TrimStart('@')) : template;
        return (text.Remove(at, body.Length).Insert(at, "{\n    " + member + "\n}"), $"member '{member}'");
    }

    private static (string Text, string Detail)? CustomLayer(Random random, string text)
    {
        Match model = Regex.Match(text, @"^\[Model[^\n]*\]\s*$", RegexOptions.Multiline);
        if (!model.Success)
            model = Regex.Match(text, @"\[Model(\([^\n\]]*\))?\]");
        if (!model.Success)
            return null;
        string use = Pick(random, ["[MyLayer]", "[MyLayer(Name = \"mine\")]", "[My]"]);
        string declaration = Pick(random, [
            "public sealed class MyLayerAttribute : LayerAttribute { }",
            "public sealed class MyLayerAttribute : LayerAttribute { public MyLayerAttribute() { } public int Units { get; set; } }",
            "public sealed class MyAttribute : DenseAttribute { public MyAttribute() : base(3) { } }",
            "public abstract class MyLayerAttribute : LayerAttribute { }"]);
        int after = model.Index + model.Length;
        return (text.Insert(after, use) + "\n" + declaration + "\n", $"{use} with '{declaration}'");
    }

    private static (string Text, string Detail)? AddAttributeLayer(Random random, string text)
    {
        MatchCollection layers = Regex.Matches(text, @"^\[(?!Model|Train)\w+[^\n]*\]\s*$", RegexOptions.Multiline);
        if (layers.Count == 0)
            return null;
        Match layer = layers[random.Next(layers.Count)];
        string inserted = PaletteLayer(random).CSharp;
        int at = random.Next(2) == 0 ? layer.Index : layer.Index + layer.Length;
        return (text.Insert(at, random.Next(2) == 0 ? inserted + "\n" : inserted), $"{inserted} inserted at line {LineOf(text, at)}");
    }

    private static (string Text, string Detail)? SetTrainArgument(Random random, string text, bool extreme)
    {
        var argument = Pick(random, TrainArguments);
        string value = Pick(random, extreme ? argument.Extreme : argument.Valid);
        Match train = Regex.Match(text, @"\[Train\(([^\n]*)\)\]");
        if (train.Success)
        {
            string inner = Regex.IsMatch(train.Groups[1].Value, $@"\b{argument.Name} = ")
                ? Regex.Replace(train.Groups[1].Value, $@"\b{argument.Name} = (new[^}}]*\}}|[^,]*)", $"{argument.Name} = {value}")
                : (train.Groups[1].Value.Length == 0 ? "" : train.Groups[1].Value + ", ") + $"{argument.Name} = {value}";
            return (text.Remove(train.Groups[1].Index, train.Groups[1].Length).Insert(train.Groups[1].Index, inner), $"Train {argument.Name} = {value}");
        }
        Match model = Regex.Match(text, @"\[Model(\([^\n\]]*\))?\]");
        if (!model.Success)
            return null;
        return (text.Insert(model.Index + model.Length, $"[Train({argument.Name} = {value})]"), $"[Train({argument.Name} = {value})] added");
    }
}
