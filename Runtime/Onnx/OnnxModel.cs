using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace ModelDsl.Onnx;

/// <summary>
/// An exported model loaded into ONNX Runtime, with no libtorch involved: its inputs (float32 or int64, the batch
/// dimension first), its one output, and the ModelDsl metadata (<see cref="OnnxMetadata"/>) the export wrote.
/// </summary>
public sealed class OnnxModel : IDisposable
{
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly string[] _outputNames;
    private readonly long[][] _inputShapes;
    private readonly bool[] _inputIntegers;

    /// <summary>Loads <paramref name="path"/> (one intra-op thread unless <paramref name="options"/> say otherwise).</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">ONNX Runtime cannot load it; the message names the file.</exception>
    public OnnxModel(string path, SessionOptions? options = null)
    {
        Path = System.IO.Path.GetFullPath(path);
        if (!File.Exists(Path))
            throw new FileNotFoundException($"'{Path}' does not exist.", Path);
        try
        {
            _session = options is null ? new InferenceSession(Path) : new InferenceSession(Path, options);
        }
        catch (OnnxRuntimeException ex)
        {
            throw new InvalidDataException($"'{Path}' is not an ONNX model ONNX Runtime can load: {ex.Message}", ex);
        }
        InputNames = _session.InputMetadata.Keys.ToArray();
        OutputName = _session.OutputMetadata.Keys.First();
        OutputShape = _session.OutputMetadata[OutputName].Dimensions.Skip(1).Select(d => (long)d).ToArray();
        _outputNames = [OutputName];
        Metadata = new Dictionary<string, string>(_session.ModelMetadata.CustomMetadataMap, StringComparer.Ordinal);
        // Read once: Predictions runs on every serving call.
        FinalActivation = Metadata.TryGetValue(OnnxMetadata.FinalActivation, out string? activation) ? activation : "";
        // Read once: a single-record call should cost ONNX Runtime's work, not metadata lookups.
        _inputShapes = InputNames.Select(n => _session.InputMetadata[n].Dimensions.Skip(1).Select(d => (long)d).ToArray()).ToArray();
        _inputIntegers = InputNames.Select(n => _session.InputMetadata[n].ElementType == typeof(long)).ToArray();
    }

    /// <summary>The model file.</summary>
    public string Path { get; }

    /// <summary>The inputs in the graph's order.</summary>
    public IReadOnlyList<string> InputNames { get; }

    /// <summary>The output's name.</summary>
    public string OutputName { get; }

    /// <summary>The output's shape after the batch dimension.</summary>
    public IReadOnlyList<long> OutputShape { get; }

    /// <summary>The model's <c>metadata_props</c>.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>The spec hash the export recorded, or "" when the file has none (not written by ModelDsl).</summary>
    public string SpecHash => Metadata.TryGetValue(OnnxMetadata.SpecHash, out string? hash) ? hash : "";

    /// <summary>The shape of input <paramref name="name"/> after the batch dimension.</summary>
    public long[] InputShape(string name) => _inputShapes[InputIndex(name)].ToArray();

    /// <summary>True when input <paramref name="name"/> takes int64 values (token ids, enum member indices) rather than float32.</summary>
    public bool TakesIntegers(string name) => _inputIntegers[InputIndex(name)];

    /// <summary>The position of input <paramref name="name"/> in <see cref="InputNames"/>, what <see cref="OnnxBoundBatch"/> takes.</summary>
    /// <exception cref="ArgumentException">The model has no such input; the message lists the ones it has.</exception>
    public int InputIndex(string name)
    {
        int index = Array.IndexOf((string[])InputNames, name);
        return index >= 0 ? index : throw new ArgumentException($"The model has no input '{name}'; it reads {string.Join(", ", InputNames)}.", nameof(name));
    }

    /// <summary>
    /// Buffers for <paramref name="rows"/> rows bound to the model once, the allocation-free path for scoring the same
    /// number of rows again and again (one record per request). Dispose the batch before this model.
    /// </summary>
    /// <exception cref="NotSupportedException">An input or the output has a dynamic dimension besides the batch.</exception>
    public OnnxBoundBatch Bind(int rows)
    {
        if (_inputShapes.Select((shape, i) => (shape, i)).FirstOrDefault(s => s.shape.Any(d => d < 1)) is { shape: not null } dynamic)
            throw new NotSupportedException($"Input '{InputNames[dynamic.i]}' has a dynamic dimension besides the batch ({string.Join(", ", dynamic.shape)}); bind a model whose shapes are fixed, or use Run.");
        if (OutputShape.Any(d => d < 1))
            throw new NotSupportedException($"Output '{OutputName}' has a dynamic dimension besides the batch ({string.Join(", ", OutputShape)}); use Run.");
        return new OnnxBoundBatch(_session, rows, InputNames, _inputShapes, _inputIntegers, OutputName, OutputShape.ToArray());
    }

    /// <summary>
    /// Refuses a featurizer export whose enum column <paramref name="field"/> lists other members, or another order, than
    /// <paramref name="members"/>: the member indices a caller writes must mean what the graph's one-hot or embedding reads.
    /// </summary>
    /// <exception cref="InvalidDataException">The file lists other members, or none; the message gives both lists.</exception>
    public void RequireMembers(string field, params string[] members)
    {
        string expected = string.Join(",", members);
        string listed = Metadata.TryGetValue(OnnxMetadata.MembersPrefix + field, out string? found) ? found : "";
        if (listed != expected)
            throw new InvalidDataException(
                $"'{Path}' field '{field}': the file lists the members ({(listed.Length == 0 ? "none" : listed.Replace(",", ", "))}), the code declares ({string.Join(", ", members)}); re-export the model.");
    }

    /// <summary>Refuses a file exported from another architecture than <paramref name="model"/>'s.</summary>
    /// <exception cref="InvalidDataException">The spec hashes differ; the message gives both, and the model the file holds when it says.</exception>
    public void RequireSpecHash(string expected, string model)
    {
        if (SpecHash == expected)
            return;
        // The architecture the file does hold tells the caller which model to load it with.
        string holds = Metadata.TryGetValue(OnnxMetadata.Model, out string? other) ? $" The file holds {other}." : "";
        throw new InvalidDataException(
            $"'{Path}' was exported from another architecture than {model}: its spec hash is '{(SpecHash.Length == 0 ? "(none)" : SpecHash)}', {model}'s is '{expected}'.{holds}");
    }

    /// <summary>The final activation the export recorded, which prediction applies to the graph's logits: "softmax", "sigmoid", or "" for none.</summary>
    public string FinalActivation { get; }

    /// <summary>
    /// Predictions from the graph's output for <paramref name="rows"/> examples, as the generated <c>Predict</c> gives
    /// them: the recorded <see cref="FinalActivation"/> applied in double precision (softmax per row, sigmoid per
    /// value, or nothing), one row per example.
    /// </summary>
    /// <exception cref="InvalidDataException">The file records an activation this does not know; the message names it.</exception>
    public double[][] Predictions(ReadOnlySpan<float> outputs, int rows)
    {
        int width = rows == 0 ? 0 : outputs.Length / rows;
        string activation = FinalActivation;
        if (activation is not ("softmax" or "sigmoid" or ""))
            throw new InvalidDataException($"'{Path}' records the final activation '{activation}'; prediction applies softmax, sigmoid or none.");
        var result = new double[rows][];
        for (int row = 0; row < rows; row++)
        {
            var values = new double[width];
            for (int i = 0; i < width; i++)
                values[i] = outputs[row * width + i];
            if (activation == "softmax")
            {
                double max = values.Max(), sum = 0;
                for (int i = 0; i < width; i++)
                    sum += values[i] = Math.Exp(values[i] - max);
                for (int i = 0; i < width; i++)
                    values[i] /= sum;
            }
            else if (activation == "sigmoid")
            {
                for (int i = 0; i < width; i++)
                    values[i] = 1 / (1 + Math.Exp(-values[i]));
            }
            result[row] = values;
        }
        return result;
    }

    /// <summary>
    /// Runs <paramref name="batch"/> rows: every input by name, row-major, a <c>float[]</c> or (for int64 inputs) a
    /// <c>long[]</c> of <c>batch × shape</c> values. Returns the output, row-major, <c>batch × </c><see cref="OutputShape"/>.
    /// </summary>
    /// <exception cref="ArgumentException">An input is missing, of the wrong type or of the wrong length; the message names it.</exception>
    public float[] Run(int batch, IReadOnlyDictionary<string, Array> inputs)
    {
        var values = new OrtValue[InputNames.Count];
        try
        {
            for (int i = 0; i < values.Length; i++)
            {
                string name = InputNames[i];
                if (!inputs.TryGetValue(name, out Array? data))
                    throw new ArgumentException($"Input '{name}' is missing; the model reads {string.Join(", ", InputNames)}.", nameof(inputs));
                long[] shape = [batch, .. _inputShapes[i]];
                long expected = shape.Aggregate(1L, (a, d) => a * d);
                if (data.Length != expected)
                    throw new ArgumentException($"Input '{name}' has {data.Length} values; {batch} rows of ({string.Join(", ", _inputShapes[i])}) need {expected}.", nameof(inputs));
                // The arrays are pinned, not copied.
                values[i] = _inputIntegers[i]
                    ? OrtValue.CreateTensorValueFromMemory(data as long[] ?? throw new ArgumentException($"Input '{name}' takes int64 values (long[]).", nameof(inputs)), shape)
                    : OrtValue.CreateTensorValueFromMemory(data as float[] ?? throw new ArgumentException($"Input '{name}' takes float32 values (float[]).", nameof(inputs)), shape);
            }
            using IDisposableReadOnlyCollection<OrtValue> outputs = _session.Run(_runOptions, InputNames, values, _outputNames);
            return outputs[0].GetTensorDataAsSpan<float>().ToArray();
        }
        finally
        {
            foreach (OrtValue? value in values)
                value?.Dispose();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _runOptions.Dispose();
        _session.Dispose();
    }
}
