namespace ModelDsl.Generator.Layers
{
    /// <summary>MaxPool2D: max pooling over 2-D spatial axes.</summary>
    internal sealed class MaxPool2DLayer : PoolingLayer
    {
        public MaxPool2DLayer() : base(2, PoolingReduction.Max) { }

        public override string Kind => "MaxPool2D";

        public override string NamePrefix => "max_pooling2d";

        public override string Description => "Max pooling over the spatial axes of a 2-D feature map.";
    }
}
