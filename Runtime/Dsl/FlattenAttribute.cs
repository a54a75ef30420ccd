namespace ModelDsl;

/// <summary>Flattens all non-batch dimensions into one.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class FlattenAttribute : LayerAttribute
{
}
