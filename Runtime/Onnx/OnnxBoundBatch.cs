using Microsoft.ML.OnnxRuntime;

namespace ModelDsl.Onnx;

/// <summary>
/// A fixed number of rows of an <see cref="OnnxModel"/> whose input and output buffers are bound to ONNX Runtime once
/// (its <c>IoBinding</c>), so a call writes values into <see cref="Floats"/> / <see cref="Integers"/> and runs, with no
/// tensor created, no name looked up and nothing allocated. This is the single-record serving path: creating ten input
/// tensors per call costs more than an MLP's whole forward pass.
/// </summary>
/// <remarks>
/// Not thread-safe: give each thread its own batch. Dispose it before the model it came from. The buffers keep their
/// values between runs, so a caller writes every input of every row it uses.
/// </remarks>
public sealed class OnnxBoundBatch : IDisposable
{
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly OrtIoBinding _binding;
    private readonly IReadOnlyList<string> _inputNames;
    private readonly Array[] _buffers;
    private readonly OrtValue[] _values;
    private readonly float[] _output;
    private readonly OrtValue _outputValue;

    internal OnnxBoundBatch(InferenceSession session, int rows, IReadOnlyList<string> inputNames, long[][] inputShapes, bool[] inputIntegers, string outputName, long[] outputShape)
    {
        if (rows < 1)
            throw new ArgumentOutOfRangeException(nameof(rows), rows, "A bound batch needs at least one row.");
        _session = session;
        _inputNames = inputNames;
        Rows = rows;
        _binding = session.CreateIoBinding();
        _buffers = new Array[inputNames.Count];
        _values = new OrtValue[inputNames.Count];
        try
        {
            for (int i = 0; i < inputNames.Count; i++)
            {
                long[] shape = [rows, .. inputShapes[i]];
                int length = checked((int)shape.Aggregate(1L, (a, d) => a * d));
                // The arrays are pinned by the values, not copied: writing into them is writing the input.
                if (inputIntegers[i])
                {
                    var buffer = new long[length];
                    _buffers[i] = buffer;
                    _values[i] = OrtValue.CreateTensorValueFromMemory(buffer, shape);
                }
                else
                {
                    var buffer = new float[length];
                    _buffers[i] = buffer;
                    _values[i] = OrtValue.CreateTensorValueFromMemory(buffer, shape);
                }
                _binding.BindInput(inputNames[i], _values[i]);
            }
            long[] output = [rows, .. outputShape];
            _output = new float[checked((int)output.Aggregate(1L, (a, d) => a * d))];
            _outputValue = OrtValue.CreateTensorValueFromMemory(_output, output);
            _binding.BindOutput(outputName, _outputValue);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The number of rows every input and the output hold.</summary>
    public int Rows { get; }

    /// <summary>
    /// The buffer of float32 input <paramref name="input"/> (its index in <see cref="OnnxModel.InputNames"/>, see
    /// <see cref="OnnxModel.InputIndex"/>), row-major, <see cref="Rows"/> × its shape.
    /// </summary>
    /// <exception cref="ArgumentException">The input takes int64 values; the message names it.</exception>
    public Span<float> Floats(int input) =>
        _buffers[input] as float[] ?? throw new ArgumentException($"Input '{_inputNames[input]}' takes int64 values: use Integers.", nameof(input));

    /// <summary>The buffer of int64 input <paramref name="input"/> (token ids, enum member indices), row-major.</summary>
    /// <exception cref="ArgumentException">The input takes float32 values; the message names it.</exception>
    public Span<long> Integers(int input) =>
        _buffers[input] as long[] ?? throw new ArgumentException($"Input '{_inputNames[input]}' takes float32 values: use Floats.", nameof(input));

    /// <summary>Runs the model on the buffers' current values; the output, row-major, stays valid until the next run.</summary>
    public ReadOnlySpan<float> Run()
    {
        _session.RunWithBinding(_runOptions, _binding);
        return _output;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _binding.Dispose();
        foreach (OrtValue? value in _values)
            value?.Dispose();
        _outputValue?.Dispose();
        _runOptions.Dispose();
    }
}
