using System;
using System.Collections.Generic;
using ModelDsl.Generator.Layers;
using ModelDsl.Generator.Spec;

namespace ModelDsl.Generator.Emit.TorchSharp
{
    /// <summary>A lowering of <typeparamref name="TSettings"/>: the members receive the settings already typed.</summary>
    internal abstract class TorchSharpLowering<TSettings> : TorchSharpLowering where TSettings : LayerSettings
    {
        /// <inheritdoc />
        public sealed override Type SettingsType => typeof(TSettings);

        /// <inheritdoc />
        public sealed override string? ModuleType(LayerSettings settings) => ModuleTypeOf((TSettings)settings);

        /// <inheritdoc />
        public sealed override string Construct(LayerSettings settings) => ConstructOf((TSettings)settings);

        /// <inheritdoc />
        public override IEnumerable<(string Field, EquatableArray<long> Shape)> ExtraParameters(LayerPlan plan) =>
            Array.Empty<(string, EquatableArray<long>)>();

        /// <inheritdoc />
        public sealed override void EmitForward(CodeWriter writer, LayerPlan plan, IReadOnlyList<string> inputs, string output) =>
            EmitForward(writer, plan, (TSettings)plan.Settings, inputs, output);

        /// <summary>The module type, or null (the default) for a layer that is a plain function in forward().</summary>
        protected virtual string? ModuleTypeOf(TSettings settings) => null;

        /// <summary>The constructing expression of a layer with a <see cref="ModuleTypeOf"/>.</summary>
        protected virtual string ConstructOf(TSettings settings) => "";

        /// <summary>Writes forward()'s statements for the layer; see <see cref="TorchSharpLowering.EmitForward"/>.</summary>
        protected abstract void EmitForward(CodeWriter writer, LayerPlan plan, TSettings settings, IReadOnlyList<string> inputs, string output);

        /// <summary>
        /// Declares <paramref name="output"/> as the layer's module (its field) called on <paramref name="input"/>, with the
        /// layer's forward activation applied in the same expression when it has one.
        /// </summary>
        protected static void WriteModuleCall(CodeWriter writer, LayerPlan plan, string input, string output)
        {
            string call = $"this.{plan.Name}.call({input})";
            writer.Line($"var {output} = {TorchSharpActivations.Apply(plan.ForwardActivation, call) ?? call};");
        }
    }
}
