using System;
using System.Collections.Generic;
using ModelDsl.Generator.Layers;

namespace ModelDsl.Generator.Emit.Onnx
{
    /// <summary>An ONNX lowering of <typeparamref name="TSettings"/>: the call receives the settings already typed.</summary>
    internal abstract class OnnxLowering<TSettings> : OnnxLowering where TSettings : LayerSettings
    {
        /// <inheritdoc />
        public sealed override Type SettingsType => typeof(TSettings);

        /// <inheritdoc />
        public sealed override string Call(string builder, LayerPlan plan, IReadOnlyList<string> inputs) =>
            $"{builder}.{Method(plan, (TSettings)plan.Settings, inputs)}";

        /// <summary>The builder method and its arguments, e.g. <c>Dense("dense_1", input)</c>.</summary>
        protected abstract string Method(LayerPlan plan, TSettings settings, IReadOnlyList<string> inputs);

        /// <summary>The layer's name as a C# string literal (the builder's first argument).</summary>
        protected static string Name(LayerPlan plan) => Literals.String(plan.Name);

        /// <summary>", activation: "relu"" when the layer applies an activation in forward(), else "".</summary>
        protected static string ActivationArgument(LayerPlan plan) =>
            plan.ForwardActivation.Length == 0 ? "" : ", activation: " + Literals.String(plan.ForwardActivation);

        /// <summary>A C# bool literal.</summary>
        protected static string Boolean(bool value) => value ? "true" : "false";
    }
}
