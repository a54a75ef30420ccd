namespace ModelDsl.Generator.Emit.PyTorch
{
    /// <summary>The PyTorch call each activation name becomes (the arguments TorchSharp's calls use, spelt out).</summary>
    internal static class PyTorchActivations
    {
        /// <summary>The call applying <paramref name="activation"/> to <paramref name="argument"/>, or null for none (and "").</summary>
        public static string? Apply(string activation, string argument) => activation switch
        {
            "relu" => $"F.relu({argument})",
            "gelu" => $"F.gelu({argument})",
            "tanh" => $"torch.tanh({argument})",
            "sigmoid" => $"torch.sigmoid({argument})",
            "softmax" => $"F.softmax({argument}, dim=1)",
            "leaky_relu" => $"F.leaky_relu({argument}, 0.01)",
            "elu" => $"F.elu({argument}, 1.0)",
            "silu" => $"F.silu({argument})",
            _ => null,
        };
    }
}
