namespace ModelDsl;

/// <summary>Reduces (time, width) to (width): mean, last step, or first token.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class SequencePoolAttribute : LayerAttribute
{
    /// <summary>Declares how the time axis is reduced (default mean).</summary>
    public SequencePoolAttribute(SequencePooling mode = SequencePooling.Mean) => Mode = mode;

    /// <summary>The reduction.</summary>
    public SequencePooling Mode { get; }
}
