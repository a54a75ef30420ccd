namespace ModelDsl.Generator.Spec
{
    /// <summary>How a number property is scaled into its column; the values are those of the runtime's <c>FeatureScale</c>.</summary>
    internal enum NumberScale
    {
        /// <summary>Standardised with the training mean and standard deviation (the default).</summary>
        Standard = 0,

        /// <summary>Ranked by 101 fitted quantiles (<c>[Scale(FeatureScale.Quantile)]</c>).</summary>
        Quantile = 1,

        /// <summary>Centred on the training median and divided by the interquartile range (<c>[Scale(FeatureScale.Robust)]</c>).</summary>
        Robust = 2,
    }
}
