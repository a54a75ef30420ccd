using System;
using System.Collections.Generic;
using ModelDsl.Generator.Layers;
using ModelDsl.Generator.Spec;

namespace ModelDsl.Generator.Emit.PyTorch
{
    /// <summary>A PyTorch lowering of <typeparamref name="TSettings"/>: the members receive the settings already typed.</summary>
    internal abstract class PyTorchLowering<TSettings> : PyTorchLowering where TSettings : LayerSettings
    {
        /// <inheritdoc />
        public sealed override Type SettingsType => typeof(TSettings);

        /// <inheritdoc />
        public sealed override string? Construct(LayerSettings settings) => ConstructOf((TSettings)settings);

        /// <inheritdoc />
        public override IEnumerable<(string Name, EquatableArray<long> Shape)> ExtraParameters(LayerPlan plan) =>
            Array.Empty<(string, EquatableArray<long>)>();

        /// <inheritdoc />
        public sealed override void EmitForward(PythonWriter writer, LayerPlan plan, IReadOnlyList<string> inputs, string output) =>
            EmitForward(writer, plan, (TSettings)plan.Settings, inputs, output);

        /// <summary>The constructing expression, or null (the default) for a layer that is a plain function in forward().</summary>
        protected virtual string? ConstructOf(TSettings settings) => null;

        /// <summary>Writes forward()'s statements for the layer; see <see cref="PyTorchLowering.EmitForward"/>.</summary>
        protected abstract void EmitForward(PythonWriter writer, LayerPlan plan, TSettings settings, IReadOnlyList<string> inputs, string output);

        /// <summary>
        /// Assigns <paramref name="output"/> the layer's submodule called on <paramref name="input"/>, with the layer's forward
        /// activation applied in the same expression when it has one.
        /// </summary>
        protected static void WriteModuleCall(PythonWriter writer, LayerPlan plan, string input, string output)
        {
            string call = $"{PythonNames.Member(plan.Name)}({input})";
            writer.Line($"{output} = {PyTorchActivations.Apply(plan.ForwardActivation, call) ?? call}");
        }
    }
}
