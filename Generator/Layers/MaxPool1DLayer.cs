namespace ModelDsl.Generator.Layers
{
    /// <summary>MaxPool1D: max pooling over 1-D spatial axes.</summary>
    internal sealed class MaxPool1DLayer : PoolingLayer
    {
        public MaxPool1DLayer() : base(1, PoolingReduction.Max) { }

        public override string Kind => "MaxPool1D";

        public override string NamePrefix => "max_pooling1d";

        public override string Description => "Max pooling over the spatial axes of a 1-D feature map.";
    }
}
