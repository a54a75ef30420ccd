namespace ModelDsl.Generator.Layers
{
    /// <summary>
    /// A checked Conv1D/Conv2D (square kernel for 2-D). With <paramref name="SamePadding"/> the output keeps the input's
    /// spatial size (stride 1, no explicit padding); otherwise <paramref name="Padding"/> zeros are added on each side.
    /// </summary>
    /// <param name="SpatialRank">1 for Conv1D, 2 for Conv2D.</param>
    internal sealed record ConvolutionSettings(
        int SpatialRank, long InChannels, long Filters, long Kernel, long Stride, bool SamePadding, long Padding, long Dilation,
        bool UseBias, string Activation) : LayerSettings
    {
        /// <inheritdoc />
        public override string Activation { get; } = Activation;
    }
}
