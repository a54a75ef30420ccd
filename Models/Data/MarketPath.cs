namespace ModelDsl.Models.Data;

/// <summary>A simulated price series together with the hidden regime of each day.</summary>
/// <param name="Closes">Closing price per day.</param>
/// <param name="Bull">Per day, true when the market was in the bull regime (positive drift, lower volatility).</param>
public sealed record MarketPath(double[] Closes, bool[] Bull);
