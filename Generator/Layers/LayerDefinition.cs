using System.Collections.Generic;
using ModelDsl.Generator.Emit;
using ModelDsl.Generator.Spec;

namespace ModelDsl.Generator.Layers
{
    /// <summary>The result of a shape rule: the output shape and parameter count, or failure (diagnostics already reported).</summary>
    internal readonly struct LayerShape
    {
        public LayerShape(EquatableArray<long> output, long parameters)
        {
            Output = output;
            Parameters = parameters;
            Succeeded = true;
        }

        public EquatableArray<long> Output { get; }

        public long Parameters { get; }

        public bool Succeeded { get; }

        public static LayerShape Failed => default;
    }

    /// <summary>
    /// One layer kind: its arguments, shape rule, parameter count and the C# it emits. Adding a layer means adding one
    /// subclass and listing it in <see cref="LayerCatalog"/>; nothing else changes.
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

        /// <summary>Infers the output shape and parameter count from the input shape, reporting problems through <paramref name="context"/>.</summary>
        public abstract LayerShape Infer(LayerContext context);

        /// <summary>The TorchSharp module type held in a field, or null for layers that are plain functions in forward().</summary>
        public virtual string? ModuleType(LayerPlan plan) => null;

        /// <summary>The expression that constructs the module (only called when <see cref="ModuleType"/> is not null).</summary>
        public virtual string Construct(LayerPlan plan) => "";

        /// <summary>Writes the statements of forward() that turn <c>x</c> into this layer's output.</summary>
        public abstract void EmitForward(CodeWriter writer, LayerPlan plan);

        /// <summary>Fields and locals the emitted code names after the layer (<c>lstm_1_final</c>), which no other name may take.</summary>
        public virtual IEnumerable<string> DerivedNames(string layerName) => System.Array.Empty<string>();

        /// <summary>Extra parameters registered directly on the model (e.g. a learned positional embedding): name → shape.</summary>
        public virtual IEnumerable<(string Field, EquatableArray<long> Shape)> ExtraParameters(LayerPlan plan) => System.Array.Empty<(string, EquatableArray<long>)>();
    }
}
