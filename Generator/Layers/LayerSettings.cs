namespace ModelDsl.Generator.Layers
{
    /// <summary>
    /// What a layer's shape rule resolved and checked, as typed values: every size, option and input size any target
    /// needs to lower the layer (TorchSharp today; ONNX and PyTorch read the same records). Equatable, so a model whose
    /// layers resolve to the same settings is not re-emitted. Emitters read these, never the written arguments.
    /// </summary>
    internal abstract record LayerSettings
    {
        /// <summary>The activation applied to the layer's output as declared (<c>none</c> for layers without one).</summary>
        public virtual string Activation => Activations.None;
    }
}
