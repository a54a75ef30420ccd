namespace ModelDsl.Generator.Layers
{
    /// <summary>How SequencePool reduces the time axis.</summary>
    internal enum SequencePoolMode
    {
        Last,
        Mean,
        First,
    }
}
