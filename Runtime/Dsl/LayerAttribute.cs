namespace ModelDsl;

/// <summary>Base of every layer attribute. Layers are applied in the order they are written.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public abstract class LayerAttribute : Attribute
{
    /// <summary>The layer's name, used as its field and state-dict prefix; default Keras-style (<c>conv2d_1</c>, <c>dense_2</c>).</summary>
    public string? Name { get; set; }
}
