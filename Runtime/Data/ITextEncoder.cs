using TorchSharp;

namespace ModelDsl.Data;

/// <summary>
/// Turns texts into the fixed-length int64 token-id rows a token-id input reads. Generated trainers of models with text
/// inputs use one to build datasets and to predict from strings; <see cref="TokenizedText"/> (GPT-2's byte-pair encoding)
/// is the default.
/// </summary>
public interface ITextEncoder
{
    /// <summary>The number of distinct ids the encoder produces; the model's token input must declare the same vocabulary.</summary>
    int Vocabulary { get; }

    /// <summary>The id that fills a row after its last token.</summary>
    int PaddingId { get; }

    /// <summary>Encodes <paramref name="texts"/> into an int64 tensor <c>[N, length]</c>: each text's ids, cut or padded to <paramref name="length"/>.</summary>
    torch.Tensor Encode(IReadOnlyList<string> texts, int length);

    /// <summary>
    /// The ids <see cref="Encode"/> gives, row-major in a <c>long[N × length]</c>, without making a tensor: what ONNX
    /// Runtime reads, so serving an exported model needs no libtorch. The built-in encoders compute the ids directly;
    /// this default reads them back from <see cref="Encode"/>'s tensor.
    /// </summary>
    long[] EncodeIds(IReadOnlyList<string> texts, int length)
    {
        using torch.Tensor ids = Encode(texts, length);
        return ids.data<long>().ToArray();
    }
}
