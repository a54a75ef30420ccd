using ModelDsl.Generator.Spec;

namespace ModelDsl.Generator.Layers
{
    /// <summary>
    /// A checked layer: its name, kind, the typed settings its shape rule resolved (what emitters lower), and the shapes
    /// and parameter count inferred at compile time. <paramref name="Arguments"/> (resolved, defaults filled in, keyed by
    /// normalised name) are kept for the spec hash only; emitters read <paramref name="Settings"/>.
    /// </summary>
    /// <param name="SkipActivation">True when this is the final layer and its softmax/sigmoid is left to prediction.</param>
    internal sealed record LayerPlan(
        string Name, string Kind, EquatableArray<Argument> Arguments,
        EquatableArray<long> Input, EquatableArray<long> Output, long Parameters, LayerSettings Settings, bool SkipActivation)
    {
        /// <summary>The nodes this layer reads, in order: input names or layer names (the C# locals of forward()).</summary>
        public EquatableArray<string> Inputs { get; init; } = EquatableArray<string>.Empty;

        /// <summary>
        /// The token input whose padding mask applies to this layer's output, or "" when none: an Embedding of a token input
        /// that declares a padding id starts it, layers that keep the (time, …) layout position by position carry it
        /// (<see cref="LayerDefinition.KeepsMask"/>), and every other layer ends it. Emitters name the mask after the input.
        /// </summary>
        public string Mask { get; init; } = "";

        /// <summary>
        /// The token input whose padding mask applies to this layer's (first) input, or "" when none: what a layer that
        /// honours the mask reads (TransformerEncoder's key-padding mask, SequencePool's real tokens).
        /// </summary>
        public string InputMask { get; init; } = "";

        /// <summary>The activation this layer applies in forward(), or "" when none (or skipped as final).</summary>
        public string ForwardActivation => SkipActivation || Activations.IsIdentity(Settings.Activation) ? "" : Settings.Activation;
    }
}
