namespace ModelDsl.Models.Data;

/// <summary>Standard normal draws for the synthetic data generators.</summary>
internal static class StandardNormal
{
    /// <summary>
    /// One N(0, 1) draw by Box–Muller: System.Random has no normal sampler, and this keeps generated data identical on
    /// every platform for a given seed.
    /// </summary>
    public static double Next(Random random)
    {
        double u1 = 1 - random.NextDouble(), u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
