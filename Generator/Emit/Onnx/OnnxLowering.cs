using System;
using System.Collections.Generic;
using ModelDsl.Generator.Layers;

namespace ModelDsl.Generator.Emit.Onnx
{
    /// <summary>
    /// How one family of layer settings becomes ONNX: the one call on the runtime's <c>OnnxGraphBuilder</c> that adds the
    /// layer's nodes (in inference form) to the exported graph. Reads the typed, checked settings only, as the TorchSharp
    /// lowering does; <see cref="OnnxLowerings"/> finds the lowering of a plan.
    /// </summary>
    internal abstract class OnnxLowering : ILowering
    {
        /// <summary>The settings record this lowering reads.</summary>
        public abstract Type SettingsType { get; }

        /// <summary>
        /// True when the layer's builder call reads the padding mask of <see cref="LayerPlan.InputMask"/> (the value
        /// <see cref="Names.MaskLocal"/>), which the export then adds once, before the first layer.
        /// </summary>
        public virtual bool ReadsMask(LayerPlan plan) => false;

        /// <summary>
        /// The builder call that adds the layer, given the builder local <paramref name="builder"/> and the C# expressions
        /// of the node's inputs (the values the earlier calls returned), e.g. <c>onnx.Dense("dense_1", input, "relu")</c>.
        /// </summary>
        public abstract string Call(string builder, LayerPlan plan, IReadOnlyList<string> inputs);
    }
}
