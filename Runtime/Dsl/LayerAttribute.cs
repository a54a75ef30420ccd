namespace ModelDsl;

/// <summary>
/// Base of every layer attribute. A layer reads the layer written before it (the first reads the model's input) unless
/// it names its inputs with <see cref="From"/> or <see cref="Inputs"/>, which makes the model a graph.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public abstract class LayerAttribute : Attribute
{
    /// <summary>The layer's name, used as its field and state-dict prefix; default Keras-style (<c>conv2d_1</c>, <c>dense_2</c>).</summary>
    public string? Name { get; set; }

    /// <summary>The one node (a declared input or another layer's name) this layer reads, instead of the layer before it.</summary>
    public string? From { get; set; }

    /// <summary>The nodes (declared inputs or layer names) this layer reads, in order; merge layers such as <see cref="AddAttribute"/> read two or more.</summary>
    public string[]? Inputs { get; set; }
}
