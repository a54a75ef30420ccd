namespace ModelDsl.Generator.Layers
{
    /// <summary>What a pooling window computes.</summary>
    internal enum PoolingReduction
    {
        Max,
        Average,
    }
}
