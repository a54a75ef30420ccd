using ModelDsl.Generator.Spec;

namespace ModelDsl.Generator.Layers
{
    /// <summary>A checked Reshape: the target shape without the batch dimension, with any -1 already resolved.</summary>
    internal sealed record ReshapeSettings(EquatableArray<long> Shape) : LayerSettings;
}
