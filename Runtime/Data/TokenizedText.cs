using Microsoft.ML.Tokenizers;
using TorchSharp;

namespace ModelDsl.Data;

/// <summary>
/// Turns text into fixed-length token-id rows with Microsoft.ML.Tokenizers' GPT-2 byte-pair encoding (vocabulary
/// <see cref="VocabularySize"/>): truncated to the length, padded with the end-of-text id.
/// </summary>
public sealed class TokenizedText : ITextEncoder
{
    /// <summary>Token ids range over [0, VocabularySize).</summary>
    public const int VocabularySize = 50257;

    /// <summary>The id used for padding (GPT-2's end-of-text token).</summary>
    public const int Padding = 50256;
    /// <inheritdoc />
    public int Vocabulary => VocabularySize;

    /// <inheritdoc />
    public int PaddingId => Padding;

    private readonly Tokenizer _tokenizer = TiktokenTokenizer.CreateForModel("gpt2");

    /// <summary>Encodes <paramref name="texts"/> into an int64 tensor <c>[N, length]</c>.</summary>
    public torch.Tensor Encode(IReadOnlyList<string> texts, int length) => torch.tensor(EncodeIds(texts, length), [texts.Count, length]);

    /// <summary>The ids of <see cref="Encode"/>, row-major, with no tensor made (no libtorch needed).</summary>
    public long[] EncodeIds(IReadOnlyList<string> texts, int length)
    {
        var ids = new long[texts.Count * (long)length];
        Array.Fill(ids, Padding);
        for (int row = 0; row < texts.Count; row++)
        {
            IReadOnlyList<int> tokens = _tokenizer.EncodeToIds(texts[row], length, out _, out _);
            for (int i = 0; i < tokens.Count && i < length; i++)
                ids[row * (long)length + i] = tokens[i];
        }
        return ids;
    }

    /// <summary>The text one token id stands for (e.g. <c>" shares"</c>).</summary>
    public string TokenText(long id) => _tokenizer.Decode([(int)id]) ?? "";
}
