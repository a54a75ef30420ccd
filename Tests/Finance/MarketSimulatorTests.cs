using ModelDsl.Models.Data;

namespace ModelDsl.Tests.Finance;

/// <summary>The simulated market is reproducible and has the regime behaviour its documentation promises.</summary>
public sealed class MarketSimulatorTests
{
    [Fact]
    public void Same_seed_gives_the_same_series_and_another_seed_a_different_one()
    {
        double[] first = MarketSimulator.Simulate(500, seed: 11);
        double[] again = MarketSimulator.Simulate(500, seed: 11);
        double[] other = MarketSimulator.Simulate(500, seed: 12);

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        Assert.All(first, price => Assert.True(price > 0));
    }

    [Fact]
    public void Regimes_persist_about_fifty_days_and_differ_in_drift_and_volatility()
    {
        MarketPath path = MarketSimulator.SimulatePath(40_000, seed: 3);
        var bullReturns = new List<double>();
        var bearReturns = new List<double>();
        int switches = 0;
        for (int t = 1; t < path.Closes.Length; t++)
        {
            double logReturn = Math.Log(path.Closes[t] / path.Closes[t - 1]);
            (path.Bull[t] ? bullReturns : bearReturns).Add(logReturn);
            if (path.Bull[t] != path.Bull[t - 1])
                switches++;
        }

        // A flip probability of 0.02 a day means regimes of 1 / 0.02 = 50 days on average.
        double meanRegimeLength = path.Closes.Length / (double)(switches + 1);
        Assert.InRange(meanRegimeLength, 40, 62);
        // Bull: drift 0.004 − 0.01²/2 = 0.00395, sd 0.010. Bear: −0.004 − 0.014²/2 = −0.004098, sd 0.014.
        Assert.InRange(bullReturns.Average(), 0.0035, 0.0044);
        Assert.InRange(bearReturns.Average(), -0.0047, -0.0035);
        Assert.InRange(StandardDeviation(bullReturns), 0.0095, 0.0105);
        Assert.InRange(StandardDeviation(bearReturns), 0.0133, 0.0147);
        // P(up) = Φ(0.395) ≈ 0.654 in a bull regime and Φ(−0.293) ≈ 0.385 in a bear regime.
        Assert.InRange(bullReturns.Count(r => r > 0) / (double)bullReturns.Count, 0.63, 0.68);
        Assert.InRange(bearReturns.Count(r => r > 0) / (double)bearReturns.Count, 0.36, 0.41);
    }

    [Fact]
    public void Yesterdays_direction_carries_signal_about_todays_because_regimes_persist()
    {
        double[] closes = MarketSimulator.Simulate(40_000, seed: 5);
        int upAfterUp = 0, ups = 0, upAfterDown = 0, downs = 0;
        for (int t = 2; t < closes.Length; t++)
        {
            bool previousUp = closes[t - 1] > closes[t - 2], up = closes[t] > closes[t - 1];
            if (previousUp) { ups++; if (up) upAfterUp++; }
            else { downs++; if (up) upAfterDown++; }
        }
        double pUpAfterUp = upAfterUp / (double)ups, pUpAfterDown = upAfterDown / (double)downs;
        Assert.True(pUpAfterUp - pUpAfterDown > 0.03, $"P(up | up) = {pUpAfterUp:F3}, P(up | down) = {pUpAfterDown:F3}");
    }

    [Fact]
    public void Zero_days_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => MarketSimulator.Simulate(0, seed: 1));
    }

    private static double StandardDeviation(IReadOnlyList<double> values)
    {
        double mean = values.Average();
        return Math.Sqrt(values.Average(v => (v - mean) * (v - mean)));
    }
}
