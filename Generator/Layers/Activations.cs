using ModelDsl.Generator.Emit;

namespace ModelDsl.Generator.Layers
{
    /// <summary>The activation functions layers accept, and the TorchSharp call each becomes.</summary>
    internal static class Activations
    {
        public static readonly string[] Names = { "none", "linear", "relu", "gelu", "tanh", "sigmoid", "softmax", "leaky_relu", "elu", "silu" };

        /// <summary>The optional <c>activation</c> argument of Dense and convolution layers.</summary>
        public static ParameterDefinition Parameter { get; } =
            ParameterDefinition.Choice("activation", "none", "Activation applied to the layer's output.", Names);

        /// <summary>Writes <c>x = f(x);</c> for a non-empty activation name.</summary>
        public static void Emit(CodeWriter writer, string activation)
        {
            const string F = "global::TorchSharp.torch.nn.functional.";
            string? call = activation switch
            {
                "relu" => F + "relu(x)",
                "gelu" => F + "gelu(x)",
                "tanh" => F + "tanh(x)",
                "sigmoid" => F + "sigmoid(x)",
                "softmax" => F + "softmax(x, 1)",
                "leaky_relu" => F + "leaky_relu(x, 0.01)",
                "elu" => F + "elu(x, 1.0)",
                "silu" => F + "silu(x)",
                _ => null,
            };
            if (call is not null)
                writer.Line("x = " + call + ";");
        }
    }
}
