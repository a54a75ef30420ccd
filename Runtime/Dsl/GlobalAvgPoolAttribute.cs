namespace ModelDsl;

/// <summary>Mean over all spatial axes: (channels, …) → (channels).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class GlobalAvgPoolAttribute : LayerAttribute
{
}
