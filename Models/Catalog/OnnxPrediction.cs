using System.Text;
using ModelDsl.Models.Cli;
using ModelDsl.Onnx;

namespace ModelDsl.Models.Catalog;

/// <summary>
/// <c>predict --onnx</c>'s one way to run an exported file: ONNX Runtime alone (no libtorch, so nothing here may touch a
/// TorchSharp type), the file's architecture checked first, and the final activation the file records applied to the
/// graph's logits as <c>Predict</c> applies it, so the caller prints the same probabilities the checkpoint gives.
/// </summary>
internal static class OnnxPrediction
{
    /// <summary>
    /// Loads <paramref name="onnxPath"/>, refuses a file of another architecture than <paramref name="specHash"/>, builds the
    /// inputs with <paramref name="inputs"/> (after the check, so a wrong file is reported before its input is read) and
    /// returns one row of probabilities (or, for a model without a final activation, outputs) per example.
    /// </summary>
    /// <param name="model">The model's command-line name, for messages.</param>
    /// <param name="inputs">The number of examples and every input by name (see <see cref="OnnxModel.Run"/>).</param>
    /// <exception cref="CliException">The file cannot be loaded or is another architecture's: the --onnx argument is unusable (exit 2).</exception>
    public static double[][] Run(string onnxPath, string specHash, string model, Func<OnnxModel, (int Rows, IReadOnlyDictionary<string, Array> Inputs)> inputs)
    {
        using OnnxModel onnx = Load(onnxPath, specHash, model);
        (int rows, IReadOnlyDictionary<string, Array> values) = inputs(onnx);
        return onnx.Predictions(onnx.Run(rows, values), rows);
    }

    /// <summary>
    /// The text of a checkpoint file the export carried in its metadata (<see cref="OnnxMetadata.FilePrefix"/>), for the
    /// statistics prediction needs besides the graph.
    /// </summary>
    /// <exception cref="CliException">The file does not carry it (exported before files were carried, or not by ModelDsl): the --onnx argument is unusable (exit 2).</exception>
    public static byte[] CarriedFile(OnnxModel onnx, string file) =>
        onnx.Metadata.TryGetValue(OnnxMetadata.FilePrefix + file, out string? text)
            ? Encoding.UTF8.GetBytes(text)
            : throw new CliException(
                $"'{onnx.Path}' does not carry the checkpoint's {file} (metadata key {OnnxMetadata.FilePrefix + file}), which prediction needs; " +
                "export the checkpoint again with export --format onnx.");

    private static OnnxModel Load(string onnxPath, string specHash, string model)
    {
        OnnxModel? onnx = null;
        try
        {
            onnx = new OnnxModel(onnxPath);
            onnx.RequireSpecHash(specHash, model);
            return onnx;
        }
        catch (InvalidDataException ex)
        {
            onnx?.Dispose();
            throw new CliException(ex.Message);
        }
    }
}
