using ModelDsl.Generator.Layers;
using ModelDsl.Generator.Spec;

namespace ModelDsl.Generator.Analysis
{
    /// <summary>
    /// A model after checking: everything the emitter needs (layers with shapes and parameter counts, the resolved
    /// training options, the task) plus the diagnostics to report. Equatable, so unchanged models are not re-emitted.
    /// </summary>
    /// <param name="FinalActivation">"softmax" or "sigmoid" when the last activation is left to prediction, else "".</param>
    /// <param name="SpecHash">A stable hash of the architecture (input, layer kinds, names, arguments), recorded in checkpoints.</param>
    internal sealed record CheckedModel(
        string Namespace,
        string ClassName,
        string Accessibility,
        string HintName,
        EquatableArray<long> Input,
        EquatableArray<long> Output,
        EquatableArray<LayerPlan> Layers,
        long ParameterCount,
        string FinalActivation,
        ModelTask Task,
        long Units,
        EquatableArray<Argument> Training,
        bool InputIsTokens,
        string SpecHash,
        EquatableArray<DiagnosticInfo> Diagnostics)
    {
        /// <summary>Where the model is declared, for diagnostics about the whole model.</summary>
        public SourceSpan ModelSpan { get; init; } = new("", 0, 0, 0, 0, 0, 0);

        /// <summary>The record the inputs come from, or null; when set, a featurizer and typed Predict overloads are emitted.</summary>
        public FeatureRecordSpec? Features { get; init; }

        /// <summary>The model's inputs in declaration order (one, named <c>input</c>, unless it declares named inputs).</summary>
        public EquatableArray<CheckedInput> Inputs { get; init; } = EquatableArray<CheckedInput>.Empty;

        /// <summary>True when the model declares named inputs (<c>[Input]</c>, YAML <c>inputs:</c>) rather than one unnamed input.</summary>
        public bool NamedInputs { get; init; }

        /// <summary>
        /// True for a graph (named inputs, a layer naming its inputs, or a declared output) rather than a chain; a graph's
        /// summary has a "Connected to" column, as Keras shows a functional model.
        /// </summary>
        public bool IsGraph { get; init; }

        /// <summary>
        /// True when the model has more inputs than TorchSharp's widest typed module takes (Module&lt;T1, …, T6, TResult&gt;):
        /// forward then takes one generated record of them, <see cref="InputRecordName"/>.
        /// </summary>
        public bool UsesInputRecord => Inputs.Count > MaxTypedInputs;

        /// <summary>The generated record of inputs (<c>ModelInputs</c>-free, one tensor per input) when <see cref="UsesInputRecord"/>.</summary>
        public string InputRecordName => ClassName + "Inputs";

        /// <summary>The most inputs forward() takes as separate tensors.</summary>
        public const int MaxTypedInputs = 6;

        /// <summary>The layer whose output is the model's output.</summary>
        public string OutputName { get; init; } = "";

        /// <summary>True when there is something valid to emit.</summary>
        public bool CanEmit { get; init; }

        /// <summary>
        /// True when the model has errors but its class can still get a stub (members that throw at run time), so code that
        /// uses the model shows no follow-on errors beside the ModelDsl one.
        /// </summary>
        public bool CanStub { get; init; }

        /// <summary>The layers that declare pretrained weights (a BertEncoder's <c>pretrained:</c>), in forward()'s order.</summary>
        public System.Collections.Generic.IEnumerable<LayerPlan> PretrainedLayers =>
            System.Linq.Enumerable.Where(Layers, plan => plan.Settings is BertEncoderSettings { Pretrained.Length: > 0 });

        /// <summary>
        /// The pretrained source whose WordPiece vocabulary encodes token input <paramref name="input"/>: that of the first
        /// pretrained layer reading it directly, or null when none does.
        /// </summary>
        public string? PretrainedTextSource(string input) =>
            System.Linq.Enumerable.FirstOrDefault(System.Linq.Enumerable.Select(
                System.Linq.Enumerable.Where(PretrainedLayers, plan => plan.Inputs.Count > 0 && plan.Inputs[0] == input),
                plan => ((BertEncoderSettings)plan.Settings).Pretrained));

        /// <summary>The class name as C# writes it (keywords escaped).</summary>
        public string TypeName => global::ModelDsl.Generator.Layers.Names.Escape(ClassName);

        /// <summary>The namespace as C# writes it (keyword segments escaped).</summary>
        public string NamespaceName => global::ModelDsl.Generator.Layers.Names.EscapeNamespace(Namespace);
    }
}
