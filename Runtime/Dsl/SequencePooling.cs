namespace ModelDsl;

/// <summary>How <see cref="SequencePoolAttribute"/> reduces the time axis.</summary>
public enum SequencePooling
{
    /// <summary>Mean over all time steps.</summary>
    Mean,
    /// <summary>The last time step.</summary>
    Last,
    /// <summary>The first token (BERT-style [CLS] pooling).</summary>
    First,
}
