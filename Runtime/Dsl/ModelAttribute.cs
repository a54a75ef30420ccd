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
///
/// // Tabular: the input is a record; the generator also emits RiskModelFeaturizer and a typed Predict(Applicant).
/// [Model(typeof(Applicant))]
/// [Dense(16, Activation = Activation.ReLU)]
/// [Dense(1, Activation = Activation.Sigmoid)]
/// public partial class RiskModel { }
/// </code></example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class ModelAttribute : Attribute
{
    /// <summary>Declares the input shape without the batch dimension, channels first; none when the inputs are declared with <see cref="InputAttribute"/>.</summary>
    public ModelAttribute(params int[] input) => Input = input;

    /// <summary>
    /// Declares a record (class, record or struct) as the model's input. Its public properties become inputs in
    /// declaration order: numbers (standardised with statistics fitted on training data), booleans (0/1) and enums
    /// (one-hot). The input shape is the resulting width; the generator emits <c>XxxFeaturizer</c> and typed
    /// <c>Predict</c> overloads on the trainer.
    /// </summary>
    public ModelAttribute(Type features)
    {
        Features = features;
        Input = [];
    }

    /// <summary>The input shape without the batch dimension, channels first (e.g. 1, 28, 28).</summary>
    public int[] Input { get; set; }

    /// <summary>The record type whose properties are the model's inputs, or null for a tensor input.</summary>
    public Type? Features { get; }

    /// <summary>
    /// Embeds every enum property of the feature record that has no <see cref="EmbedAttribute"/> in this many dimensions
    /// instead of one-hot columns (as a Keras or fastai tabular model embeds its categories); 0, the default, keeps them one-hot.
    /// </summary>
    public int EmbedEnums { get; set; }

    /// <summary>The node (layer name) whose output is the model's output; by default the last layer written.</summary>
    public string? Output { get; set; }
}
