using System.Collections.Generic;
using ModelDsl.Generator.Spec;

namespace ModelDsl.Generator.Layers
{
    /// <summary>A standalone activation function.</summary>
    internal sealed class ActivationLayer : LayerDefinition<ActivationSettings>
    {
        public override string Kind => "Activation";

        public override string NamePrefix => "activation";

        public override bool KeepsMask(LayerSettings settings) => true;

        public override string Description => "Applies an activation function.";

        public override IReadOnlyList<ParameterDefinition> Parameters { get; } = new[]
        {
            new ParameterDefinition("activation", ArgumentKind.Text, null, "The function to apply.", Activations.Names.ToEquatableArray()),
        };

        public override LayerShape Infer(LayerContext context) => Result(context.Input, 0, new ActivationSettings(context.Text("activation")));
    }
}
