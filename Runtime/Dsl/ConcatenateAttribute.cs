namespace ModelDsl;

/// <summary>
/// Joins its inputs along <see cref="Axis"/>; the other dimensions must agree. Axes count the batch dimension as 0, as in
/// Keras: -1 (the default) is the last axis, 1 the first after the batch.
/// </summary>
/// <example><code>[Concatenate(Inputs = new[] { "applicant", "text_summary" })]</code></example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class ConcatenateAttribute : LayerAttribute
{
    /// <summary>The axis to join along (not 0, the batch); negative counts from the end.</summary>
    public int Axis { get; set; } = -1;
}
