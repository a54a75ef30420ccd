namespace ModelDsl;

/// <summary>Multiplies its inputs element-wise (gating): every input must have the same shape, without broadcasting.</summary>
/// <example><code>[Multiply(Inputs = new[] { "conv2d_2", "max_pooling2d_1" })]</code></example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class MultiplyAttribute : LayerAttribute
{
}
