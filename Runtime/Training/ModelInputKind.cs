namespace ModelDsl.Training;

/// <summary>What a model input holds.</summary>
public enum ModelInputKind
{
    /// <summary>Floating-point values (pixels, prices, a featurized record).</summary>
    Float,

    /// <summary>Integer (int64) token ids, fed to an embedding.</summary>
    TokenIds,
}
