namespace ModelDsl.Models.Data;

/// <summary>
/// A deterministic daily price series: geometric Brownian motion whose drift and volatility switch between a bull and a
/// bear regime (a two-state Markov chain). Each day the regime flips with probability <see cref="SwitchProbability"/>,
/// so regimes last about 50 days; recent returns therefore carry information about the next day's direction — the
/// signal the LSTM can learn and a one-day persistence rule mostly cannot. With these constants a bull day closes up
/// with probability Φ(0.395) ≈ 0.65 and a bear day with probability Φ(−0.293) ≈ 0.38.
/// </summary>
public static class MarketSimulator
{
    /// <summary>Probability that the regime flips from one day to the next.</summary>
    public const double SwitchProbability = 0.02;

    /// <summary>Daily log-drift in the bull regime (the bear regime uses its negative).</summary>
    public const double BullDrift = 0.004;

    /// <summary>Daily volatility of log returns in the bull regime.</summary>
    public const double BullVolatility = 0.010;

    /// <summary>Daily volatility of log returns in the bear regime.</summary>
    public const double BearVolatility = 0.014;

    /// <summary>The price the series starts from (before the first day's move).</summary>
    public const double StartPrice = 100;

    /// <summary>Simulates <paramref name="days"/> closing prices; the same seed always gives the same series.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="days"/> is less than 1.</exception>
    public static double[] Simulate(int days, int seed) => SimulatePath(days, seed).Closes;

    /// <summary>Simulates <paramref name="days"/> closing prices and returns the hidden regime of each day as well.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="days"/> is less than 1.</exception>
    public static MarketPath SimulatePath(int days, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        var random = new Random(seed);
        var closes = new double[days];
        var regimes = new bool[days];
        double price = StartPrice;
        bool bull = true;
        for (int day = 0; day < days; day++)
        {
            if (random.NextDouble() < SwitchProbability)
                bull = !bull;
            double drift = bull ? BullDrift : -BullDrift;
            double volatility = bull ? BullVolatility : BearVolatility;
            // Itô correction keeps the drift of the log price at `drift - σ²/2` as in textbook GBM.
            price *= Math.Exp(drift - volatility * volatility / 2 + volatility * StandardNormal.Next(random));
            closes[day] = price;
            regimes[day] = bull;
        }
        return new MarketPath(closes, regimes);
    }
}
