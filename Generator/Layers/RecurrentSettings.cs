namespace ModelDsl.Generator.Layers
{
    /// <summary>
    /// A checked LSTM/GRU over (time, <paramref name="InFeatures"/>), batch-first. With <paramref name="ReturnSequences"/>
    /// it returns every step; otherwise the last layer's final hidden state (both directions when bidirectional).
    /// </summary>
    /// <param name="Dropout">Between stacked layers, in [0, 1).</param>
    internal sealed record RecurrentSettings(
        RecurrentCell Cell, long InFeatures, long Units, long Layers, bool Bidirectional, bool ReturnSequences, double Dropout) : LayerSettings;
}
