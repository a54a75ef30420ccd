using System;
using System.Collections.Generic;
using ModelDsl.Generator.Layers;
using ModelDsl.Generator.Spec;

namespace ModelDsl.Generator.Emit.TorchSharp
{
    /// <summary>
    /// How one family of layer settings becomes TorchSharp: the module field (if any), its construction, extra parameters
    /// registered on the model, and the statements of forward(). Reads the typed, checked settings only; never reports
    /// and never decides anything a shape rule decides. <see cref="TorchSharpLowerings"/> finds the lowering of a plan.
    /// </summary>
    internal abstract class TorchSharpLowering : ILowering
    {
        /// <summary>The settings record this lowering reads.</summary>
        public abstract Type SettingsType { get; }

        /// <summary>The TorchSharp module type held in a field named after the layer, or null for functional layers.</summary>
        public abstract string? ModuleType(LayerSettings settings);

        /// <summary>The expression that constructs the module (only called when <see cref="ModuleType"/> is not null).</summary>
        public abstract string Construct(LayerSettings settings);

        /// <summary>Parameters registered directly on the model (a learned positional embedding): field name → shape.</summary>
        public abstract IEnumerable<(string Field, EquatableArray<long> Shape)> ExtraParameters(LayerPlan plan);

        /// <summary>
        /// True when the layer's forward() statements read the padding mask of <see cref="LayerPlan.InputMask"/> (the local
        /// <see cref="Names.MaskLocal"/>), which forward() then computes once, before the first layer.
        /// </summary>
        public virtual bool ReadsMask(LayerPlan plan) => false;

        /// <summary>
        /// Writes the statements of forward() that compute the layer's output from <paramref name="inputs"/> (the C#
        /// expressions of the node's inputs, in order; one for every layer kind today) and declare it as the local
        /// <paramref name="output"/> (<c>var output = …;</c>). The layer's own field is reached as <c>this.name</c>, since
        /// the local of the same name hides it.
        /// </summary>
        public abstract void EmitForward(CodeWriter writer, LayerPlan plan, IReadOnlyList<string> inputs, string output);
    }
}
