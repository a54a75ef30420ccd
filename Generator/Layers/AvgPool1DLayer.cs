namespace ModelDsl.Generator.Layers
{
    /// <summary>AvgPool1D: average pooling over 1-D spatial axes.</summary>
    internal sealed class AvgPool1DLayer : PoolingLayer
    {
        public AvgPool1DLayer() : base(1, PoolingReduction.Average) { }

        public override string Kind => "AvgPool1D";

        public override string NamePrefix => "average_pooling1d";

        public override string Description => "Average pooling over the spatial axes of a 1-D feature map.";
    }
}
