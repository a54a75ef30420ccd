namespace ModelDsl;

/// <summary>Reshapes the non-batch dimensions; one may be -1.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class ReshapeAttribute : LayerAttribute
{
    /// <summary>Declares the target shape without the batch dimension.</summary>
    public ReshapeAttribute(params int[] shape) => Shape = shape;

    /// <summary>The target shape without the batch dimension.</summary>
    public int[] Shape { get; }
}
