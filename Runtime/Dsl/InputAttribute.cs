namespace ModelDsl;

/// <summary>
/// Declares one named input of a model with several inputs (or one named input): a float tensor of a shape, a sequence of
/// token ids (set <see cref="Vocabulary"/>), or a feature record. Layers read it by name (<see cref="LayerAttribute.From"/>,
/// <see cref="LayerAttribute.Inputs"/>); the generated <c>forward</c> takes one tensor per input, in declaration order.
/// </summary>
/// <example><code>
/// [Model]
/// [Input("prices", 30, 4)]
/// [Input("headline", 24, Vocabulary = 50257, PaddingId = 50256)]
/// [LSTM(32, From = "prices", Name = "price_state")]
/// [Embedding(50257, 32, From = "headline")]
/// [SequencePool]
/// [Concatenate(Inputs = new[] { "price_state", "sequence_pool_1" })]
/// [Dense(1, Activation = Activation.Sigmoid)]
/// public partial class MarketModel { }
/// </code></example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class InputAttribute : Attribute
{
    /// <summary>A float tensor input shaped <paramref name="shape"/> (batch dimension excluded), or token ids of length <c>shape[0]</c> when <see cref="Vocabulary"/> is set.</summary>
    public InputAttribute(string name, params int[] shape)
    {
        Name = name;
        Shape = shape;
    }

    /// <summary>A record input: its public properties are featurized into one vector, as with <c>[Model(typeof(T))]</c>. A model has at most one.</summary>
    public InputAttribute(string name, Type record)
    {
        Name = name;
        Record = record;
        Shape = [];
    }

    /// <summary>The input's name: other layers read it by this name, and it names the forward parameter.</summary>
    public string Name { get; }

    /// <summary>The shape without the batch dimension; for token ids, the sequence length.</summary>
    public int[] Shape { get; }

    /// <summary>The record type of a record input, or null.</summary>
    public Type? Record { get; }

    /// <summary>For token ids: the number of distinct ids. Setting it makes the input int64 token ids.</summary>
    public int Vocabulary { get; set; }

    /// <summary>For token ids: the id that marks padding (-1, the default, when sequences are not padded).</summary>
    public int PaddingId { get; set; } = -1;
}
