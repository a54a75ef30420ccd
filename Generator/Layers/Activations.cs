namespace ModelDsl.Generator.Layers
{
    /// <summary>The activation functions layers accept (each emitter maps them to its target's calls).</summary>
    internal static class Activations
    {
        /// <summary>No activation: the layer's output as is.</summary>
        public const string None = "none";

        public static readonly string[] Names = { None, "linear", "relu", "gelu", "tanh", "sigmoid", "softmax", "leaky_relu", "elu", "silu" };

        /// <summary>The optional <c>activation</c> argument of Dense and convolution layers.</summary>
        public static ParameterDefinition Parameter { get; } =
            ParameterDefinition.Choice("activation", None, "Activation applied to the layer's output.", Names);

        /// <summary>True for the names that leave the output unchanged (<c>none</c>, <c>linear</c>).</summary>
        public static bool IsIdentity(string activation) => activation is None or "linear";
    }
}
