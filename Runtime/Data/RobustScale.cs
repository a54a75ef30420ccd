namespace ModelDsl.Data;

/// <summary>
/// The fitted statistics of one <see cref="FeatureScale.Robust"/> column: a value becomes
/// <c>(value − Median) ÷ InterquartileRange</c>.
/// </summary>
/// <param name="Median">The median of the training values.</param>
/// <param name="InterquartileRange">The 75th minus the 25th percentile of the training values; 1 when they are equal, so a
/// column that is constant in its middle half is only centred.</param>
public sealed record RobustScale(double Median, double InterquartileRange);
