using System.Collections;
using TorchSharp;

namespace ModelDsl.Data;

/// <summary>
/// A batch of a model's named input tensors, in declaration order (a price window and the day's headlines, say), all
/// with one row per example along the first dimension. Owns its tensors: disposing it disposes them.
/// </summary>
public sealed class ModelInputs : IReadOnlyList<torch.Tensor>, IDisposable
{
    /// <summary>The name a model with one undeclared input gives it, and that <see cref="Single"/> uses.</summary>
    public const string DefaultName = "input";

    private readonly string[] _names;
    private readonly torch.Tensor[] _tensors;

    /// <summary>Takes ownership of <paramref name="inputs"/>, in this order.</summary>
    /// <exception cref="ArgumentException">There are no inputs, a name is empty or repeated, a tensor has no dimensions, or the inputs have different row counts (first dimension).</exception>
    public ModelInputs(params (string Name, torch.Tensor Tensor)[] inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Length == 0)
            throw new ArgumentException("A model takes at least one input; none was given.", nameof(inputs));
        if (inputs.Length > 1)
            ThrowIfRepeated(inputs.Select(i => i.Name), nameof(inputs));
        _names = new string[inputs.Length];
        _tensors = new torch.Tensor[inputs.Length];
        for (int i = 0; i < inputs.Length; i++)
        {
            (string name, torch.Tensor tensor) = inputs[i];
            if (string.IsNullOrWhiteSpace(name))
                throw new ArgumentException($"Input {i} has no name.", nameof(inputs));
            ArgumentNullException.ThrowIfNull(tensor, $"{nameof(inputs)}[{i}]");
            if (tensor.dim() == 0)
                throw new ArgumentException($"Input '{name}' is a scalar; inputs need one row per example along their first dimension.", nameof(inputs));
            if (i > 0 && tensor.shape[0] != _tensors[0].shape[0])
                throw new ArgumentException(
                    $"Input '{name}' has {tensor.shape[0]} rows but input '{_names[0]}' has {_tensors[0].shape[0]}: every input needs one row per example (first dimension).",
                    nameof(inputs));
            _names[i] = name;
            _tensors[i] = tensor;
        }
    }

    /// <summary>One tensor as the only input, named <see cref="DefaultName"/> ("input"); the result owns it.</summary>
    public static ModelInputs Single(torch.Tensor tensor) => new((DefaultName, tensor));

    /// <summary>Number of inputs.</summary>
    public int Count => _tensors.Length;

    /// <summary>The input names, in order.</summary>
    public IReadOnlyList<string> Names => _names;

    /// <summary>Number of examples (the first dimension every input shares).</summary>
    public long Rows => _tensors[0].shape[0];

    /// <summary>The input at <paramref name="index"/>.</summary>
    public torch.Tensor this[int index] => _tensors[index];

    /// <summary>The input named <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No input has that name; the message lists the names there are.</exception>
    public torch.Tensor this[string name] => _tensors[IndexOf(name)];

    /// <summary>Whether an input is named <paramref name="name"/>.</summary>
    public bool Contains(string name) => Array.IndexOf(_names, name) >= 0;

    /// <summary>The position of the input named <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No input has that name.</exception>
    public int IndexOf(string name)
    {
        int index = Array.IndexOf(_names, name);
        return index >= 0
            ? index
            : throw new KeyNotFoundException($"There is no input named '{name}'; the inputs are {Describe(_names)}.");
    }

    /// <summary>Shape of one example of each input (without the row dimension), in order.</summary>
    public IReadOnlyList<(string Name, IReadOnlyList<long> Shape)> ExampleShapes =>
        _names.Select((name, i) => (name, (IReadOnlyList<long>)_tensors[i].shape[1..])).ToList();

    /// <summary>
    /// New inputs with the same names, each tensor mapped by <paramref name="map"/> (a slice, a device copy, an alias);
    /// the result owns what <paramref name="map"/> returns, so it must return new tensor handles.
    /// </summary>
    public ModelInputs Map(Func<torch.Tensor, torch.Tensor> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        var mapped = new (string, torch.Tensor)[_tensors.Length];
        try
        {
            for (int i = 0; i < _tensors.Length; i++)
                mapped[i] = (_names[i], map(_tensors[i]));
            return new ModelInputs(mapped);
        }
        catch
        {
            foreach ((_, torch.Tensor? tensor) in mapped)
                tensor?.Dispose();
            throw;
        }
    }

    /// <summary>These inputs with the one named <paramref name="name"/> replaced by <paramref name="replacement"/> and the others aliased; the result owns its handles.</summary>
    public ModelInputs With(string name, torch.Tensor replacement)
    {
        int replaced = IndexOf(name);
        var tensors = new (string, torch.Tensor)[_tensors.Length];
        for (int i = 0; i < _tensors.Length; i++)
            tensors[i] = (_names[i], i == replaced ? replacement : _tensors[i].alias());
        return new ModelInputs(tensors);
    }

    /// <summary>Whether every input lives on <paramref name="device"/>.</summary>
    public bool AreOn(torch.Device device) => _tensors.All(t => t.device == device);

    /// <summary>Detaches every tensor from the current dispose scope (so it outlives the scope), returning this.</summary>
    public ModelInputs DetachFromDisposeScope()
    {
        foreach (torch.Tensor tensor in _tensors)
            tensor.DetachFromDisposeScope();
        return this;
    }

    /// <inheritdoc />
    public IEnumerator<torch.Tensor> GetEnumerator() => ((IEnumerable<torch.Tensor>)_tensors).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Disposes every input tensor.</summary>
    public void Dispose()
    {
        foreach (torch.Tensor tensor in _tensors)
            tensor.Dispose();
    }

    /// <summary>Throws when two of <paramref name="names"/> are the same: every input is found by its name.</summary>
    /// <exception cref="ArgumentException">A name is repeated; the message names it.</exception>
    internal static void ThrowIfRepeated(IEnumerable<string> names, string parameter)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string name in names)
            if (!seen.Add(name))
                throw new ArgumentException($"Two inputs are named '{name}'; each input needs its own name.", parameter);
    }

    /// <summary>Names as a message lists them: 'a', 'b'.</summary>
    internal static string Describe(IEnumerable<string> names) => string.Join(", ", names.Select(n => $"'{n}'"));
}
