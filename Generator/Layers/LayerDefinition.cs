using System.Collections.Generic;
using System;
using ModelDsl.Generator.Spec;

namespace ModelDsl.Generator.Layers
{
    /// <summary>
    /// The result of a shape rule: the output shape, parameter count and the layer's checked settings, or failure
    /// (diagnostics already reported).
    /// </summary>
    internal readonly struct LayerShape
    {
        public LayerShape(EquatableArray<long> output, long parameters, LayerSettings settings)
        {
            Output = output;
            Parameters = parameters;
            Settings = settings;
            Succeeded = true;
        }

        public EquatableArray<long> Output { get; }

        public long Parameters { get; }

        /// <summary>The resolved, checked values the emitters lower; null only when the rule failed.</summary>
        public LayerSettings? Settings { get; }

        public bool Succeeded { get; }

        public static LayerShape Failed => default;
    }

    /// <summary>
    /// One layer kind, independent of any target: its arguments, shape rule, parameter count and the typed settings the
    /// rule resolves. Adding a layer means adding one subclass, listing it in <see cref="LayerCatalog"/>, and one lowering
    /// of its settings per emitter (Emit/TorchSharp/Layers); no front end changes.
    /// </summary>
    internal abstract class LayerDefinition
    {
        /// <summary>The kind as users write it: attribute name without "Attribute", YAML <c>type</c> (matched ignoring case/underscores).</summary>
        public abstract string Kind { get; }

        /// <summary>Prefix of default layer names (<c>conv2d</c> → <c>conv2d_1</c>).</summary>
        public abstract string NamePrefix { get; }

        /// <summary>One line for docs and the JSON schema.</summary>
        public abstract string Description { get; }

        /// <summary>Arguments besides <c>name</c>, which every layer accepts.</summary>
        public abstract IReadOnlyList<ParameterDefinition> Parameters { get; }

        /// <summary>The fewest inputs the layer reads: 1 for most kinds, 2 for merges.</summary>
        public virtual int MinimumInputs => 1;

        /// <summary>The most inputs the layer reads: 1 for most kinds, unbounded for merges.</summary>
        public virtual int MaximumInputs => 1;

        /// <summary>True for layers that read int64 token ids (Embedding); every other layer reads floats.</summary>
        public virtual bool ReadsTokens => false;

        /// <summary>
        /// True when the layer keeps the (time, …) layout of its input position by position, so a token input's padding mask
        /// that applies to its input applies to its output too (Dropout, LayerNorm, Activation, TransformerEncoder, element-wise
        /// merges). A layer that mixes or drops the time axis (recurrent, convolution, pooling, Flatten, Reshape,
        /// SequencePool, Dense on its 1-D input) ends the mask: the default. A layer that reads token ids (Embedding) starts
        /// the mask of its token input instead (see <see cref="ReadsTokens"/>).
        /// </summary>
        public virtual bool KeepsMask(LayerSettings settings) => false;

        /// <summary>Infers the output shape and parameter count from the input shape, reporting problems through <paramref name="context"/>.</summary>
        public abstract LayerShape Infer(LayerContext context);

        /// <summary>The settings record <see cref="Infer"/> produces; each emitter has one lowering per settings type.</summary>
        public abstract Type SettingsType { get; }

        /// <summary>Fields and locals the emitted code names after the layer (<c>lstm_1_final</c>), which no other name may take.</summary>
        public virtual IEnumerable<string> DerivedNames(string layerName) => System.Array.Empty<string>();
    }

    /// <summary>A layer kind whose shape rule produces <typeparamref name="TSettings"/>.</summary>
    internal abstract class LayerDefinition<TSettings> : LayerDefinition where TSettings : LayerSettings
    {
        /// <inheritdoc />
        public sealed override Type SettingsType => typeof(TSettings);

        /// <summary>A successful rule's result: the output shape, parameter count and the checked settings.</summary>
        protected static LayerShape Result(EquatableArray<long> output, long parameters, TSettings settings) => new(output, parameters, settings);
    }
}
