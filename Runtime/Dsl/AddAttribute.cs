namespace ModelDsl;

/// <summary>Adds its inputs element-wise (a residual connection): every input must have the same shape, without broadcasting.</summary>
/// <example><code>[Add(Inputs = new[] { "conv2d_2", "max_pooling2d_1" })]</code></example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class AddAttribute : LayerAttribute
{
}
