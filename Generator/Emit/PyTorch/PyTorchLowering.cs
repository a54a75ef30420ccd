using System;
using System.Collections.Generic;
using ModelDsl.Generator.Layers;
using ModelDsl.Generator.Spec;

namespace ModelDsl.Generator.Emit.PyTorch
{
    /// <summary>
    /// How one family of layer settings becomes PyTorch: the submodule (if any), parameters registered on the model itself,
    /// and the statements of forward(). The twin of <see cref="TorchSharp.TorchSharpLowering"/>: it reads the same typed,
    /// checked settings and must register the same parameter names with the same shapes and compute the same function.
    /// <see cref="PyTorchLowerings"/> finds the lowering of a plan.
    /// </summary>
    internal abstract class PyTorchLowering : ILowering
    {
        /// <summary>The settings record this lowering reads.</summary>
        public abstract Type SettingsType { get; }

        /// <summary>The Python expression constructing the layer's submodule, or null for a layer that is a plain function.</summary>
        public abstract string? Construct(LayerSettings settings);

        /// <summary>Parameters registered directly on the model (a learned positional embedding): attribute name → shape.</summary>
        public abstract IEnumerable<(string Name, EquatableArray<long> Shape)> ExtraParameters(LayerPlan plan);

        /// <summary>
        /// True when the layer's forward() statements read the padding mask of <see cref="LayerPlan.InputMask"/> (the local
        /// <see cref="Names.MaskLocal"/>), which forward() then computes once, before the first layer, as the TorchSharp
        /// module does.
        /// </summary>
        public virtual bool ReadsMask(LayerPlan plan) => false;

        /// <summary>
        /// Writes the statements of forward() that compute the layer's output from <paramref name="inputs"/> (Python
        /// expressions of the node's inputs, in order) into the local <paramref name="output"/>. The layer's submodule is
        /// <see cref="PythonNames.Member"/> of the layer's name.
        /// </summary>
        public abstract void EmitForward(PythonWriter writer, LayerPlan plan, IReadOnlyList<string> inputs, string output);
    }
}
