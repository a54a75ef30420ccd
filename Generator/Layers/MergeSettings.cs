namespace ModelDsl.Generator.Layers
{
    /// <summary>How a merge layer combines its inputs.</summary>
    internal enum MergeOperation
    {
        Add,
        Multiply,
        Concatenate,
    }

    /// <summary>
    /// A checked merge: the operation, how many inputs it reads, and for Concatenate the axis among the dimensions after
    /// the batch (0 is the first of them; -1 for the element-wise operations). The inputs' shapes are known to fit.
    /// </summary>
    internal sealed record MergeSettings(MergeOperation Operation, int InputCount, int Dimension) : LayerSettings;
}
