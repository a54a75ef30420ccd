namespace ModelDsl.Models.Data;

/// <summary>
/// A deterministic daily price series: geometric Brownian motion whose drift and volatility switch between a bull and a
/// bear regime (a two-state Markov chain). Regimes last about 50 days, so recent returns carry information about the next
/// day's direction — the signal the LSTM can learn and a one-day persistence rule mostly cannot.
/// </summary>
public static class MarketSimulator
{
    /// <summary>Simulates <paramref name="days"/> closing prices starting at 100.</summary>
    public static double[] Simulate(int days, int seed)
    {
        var random = new Random(seed);
        var closes = new double[days];
        double price = 100;
        bool bull = true;
        for (int day = 0; day < days; day++)
        {
            if (random.NextDouble() < 0.02)
                bull = !bull;
            // Daily drift ±0.4% with volatility 1% (bull) or 1.4% (bear): P(up) ≈ 0.65 in a bull regime.
            double drift = bull ? 0.004 : -0.004;
            double volatility = bull ? 0.010 : 0.014;
            price *= Math.Exp(drift - volatility * volatility / 2 + volatility * Gaussian(random));
            closes[day] = price;
        }
        return closes;
    }

    private static double Gaussian(Random random)
    {
        double u1 = 1 - random.NextDouble(), u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
