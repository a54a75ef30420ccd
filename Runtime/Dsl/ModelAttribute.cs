namespace ModelDsl;

/// <summary>
/// Marks a <c>partial class</c> as a ModelDsl model. The layer attributes on the same declaration are applied in
/// source order; the generator emits a TorchSharp module (and a trainer) for it at compile time.
/// </summary>
/// <example><code>
/// [Model(1, 28, 28)]
/// [Conv2D(32, Kernel = 3, Activation = Activation.ReLU)]
/// [MaxPool2D(2)]
/// [Flatten]
/// [Dense(10, Activation = Activation.Softmax)]
/// public partial class FashionCnn { }
/// </code></example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class ModelAttribute : Attribute
{
    /// <summary>Declares the input shape without the batch dimension, channels first.</summary>
    public ModelAttribute(params int[] input) => Input = input;

    /// <summary>The input shape without the batch dimension, channels first (e.g. 1, 28, 28).</summary>
    public int[] Input { get; set; }
}
