namespace ModelDsl.Generator.Layers
{
    /// <summary>Parameter-count arithmetic that saturates to -1 instead of overflowing, so absurd sizes become a diagnostic.</summary>
    internal static class ParameterMath
    {
        public static long Product(params long[] factors)
        {
            long total = 1;
            foreach (long f in factors)
            {
                if (f < 0 || total < 0)
                    return -1;
                if (f != 0 && total > Shape.Limit / f)
                    return -1;
                total *= f;
            }
            return total;
        }

        public static long Sum(params long[] terms)
        {
            long total = 0;
            foreach (long t in terms)
            {
                if (t < 0 || total > Shape.Limit - t)
                    return -1;
                total += t;
            }
            return total;
        }
    }
}
