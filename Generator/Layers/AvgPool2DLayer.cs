namespace ModelDsl.Generator.Layers
{
    /// <summary>AvgPool2D: average pooling over 2-D spatial axes.</summary>
    internal sealed class AvgPool2DLayer : PoolingLayer
    {
        public AvgPool2DLayer() : base(2, PoolingReduction.Average) { }

        public override string Kind => "AvgPool2D";

        public override string NamePrefix => "average_pooling2d";

        public override string Description => "Average pooling over the spatial axes of a 2-D feature map.";
    }
}
