namespace ModelDsl.Explain;

/// <summary>Integrated-gradients attributions for one input, with the two model outputs that completeness relates them to.</summary>
/// <param name="Attributions">One attribution per input element, in the input's row-major order.</param>
/// <param name="OutputAtInput">f(x): the target output at the input.</param>
/// <param name="OutputAtBaseline">f(baseline): the target output at the baseline.</param>
public sealed record IntegratedGradientsResult(float[] Attributions, double OutputAtInput, double OutputAtBaseline)
{
    /// <summary>The sum of all attributions.</summary>
    public double Total => Attributions.Sum(a => (double)a);

    /// <summary>|Σ attributions − (f(x) − f(baseline))|: how far the path integral's Riemann sum is from exact; shrinks as steps grow.</summary>
    public double CompletenessError => Math.Abs(Total - (OutputAtInput - OutputAtBaseline));
}
