namespace ModelDsl.Generator.Layers
{
    /// <summary>The cell of a recurrent layer.</summary>
    internal enum RecurrentCell
    {
        /// <summary>Four gates (input, forget, cell, output) and a cell state.</summary>
        Lstm,

        /// <summary>Three gates, no cell state.</summary>
        Gru,
    }
}
