namespace ModelDsl;

/// <summary>How a numeric property of a feature record is scaled into its input column (<see cref="ScaleAttribute"/>).</summary>
public enum FeatureScale
{
    /// <summary><c>(value − mean) ÷ std</c> over the training rows (the default).</summary>
    Standard,

    /// <summary>
    /// The value's rank among the training rows, from 101 fitted quantiles (ties share their middle rank), mapped to
    /// zero mean and unit variance: for skewed columns such as money amounts, where a few huge values would squeeze
    /// the rest to one point under standardisation.
    /// </summary>
    Quantile,

    /// <summary>
    /// <c>(value − median) ÷ interquartile range</c> over the training rows (an interquartile range of 0 counts as 1): as
    /// scikit-learn's <c>RobustScaler</c>, the middle half of the values sets the scale, so outliers neither shift nor
    /// squeeze it, and unlike <see cref="Quantile"/> distances between values keep their proportions.
    /// </summary>
    Robust,
}
