namespace ModelDsl.Generator.Analysis
{
    /// <summary>What the output layer predicts; mirrors <c>ModelDsl.Training.ModelTask</c>.</summary>
    internal enum ModelTask
    {
        MultiClass,
        Binary,
        Regression,
    }
}
