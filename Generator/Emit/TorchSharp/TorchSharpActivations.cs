namespace ModelDsl.Generator.Emit.TorchSharp
{
    /// <summary>The TorchSharp call each activation name becomes.</summary>
    internal static class TorchSharpActivations
    {
        private const string Functional = "global::TorchSharp.torch.nn.functional.";

        /// <summary>The call applying <paramref name="activation"/> to <paramref name="argument"/>, or null for none (and "").</summary>
        public static string? Apply(string activation, string argument) => activation switch
        {
            "relu" => Functional + "relu(" + argument + ")",
            "gelu" => Functional + "gelu(" + argument + ")",
            "tanh" => Functional + "tanh(" + argument + ")",
            "sigmoid" => Functional + "sigmoid(" + argument + ")",
            "softmax" => Functional + "softmax(" + argument + ", 1)",
            "leaky_relu" => Functional + "leaky_relu(" + argument + ", 0.01)",
            "elu" => Functional + "elu(" + argument + ", 1.0)",
            "silu" => Functional + "silu(" + argument + ")",
            _ => null,
        };
    }
}
