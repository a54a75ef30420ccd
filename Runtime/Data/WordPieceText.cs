using System.Text;
using Microsoft.ML.Tokenizers;
using TorchSharp;

namespace ModelDsl.Data;

/// <summary>
/// Turns text into the fixed-length token-id rows a BERT-family encoder reads, with Microsoft.ML.Tokenizers'
/// WordPiece <see cref="BertTokenizer"/> over a <c>vocab.txt</c> (one token per line, the line number is the id): each row
/// is <c>[CLS]</c>, the text's word pieces, <c>[SEP]</c>, then <c>[PAD]</c> up to the length. A text too long keeps its
/// first pieces and still ends in <c>[SEP]</c>. The attention mask is the set of positions whose id is not
/// <see cref="PaddingId"/>.
/// </summary>
public sealed class WordPieceText : ITextEncoder
{
    private readonly BertTokenizer _tokenizer;
    private readonly string[] _tokens;

    private WordPieceText(BertTokenizer tokenizer, string[] tokens, bool lowerCase)
    {
        _tokenizer = tokenizer;
        _tokens = tokens;
        LowerCase = lowerCase;
    }

    /// <inheritdoc />
    public int Vocabulary => _tokens.Length;

    /// <summary>The id of <c>[PAD]</c>.</summary>
    public int PaddingId => _tokenizer.PaddingTokenId;

    /// <summary>The id of <c>[CLS]</c>, the first token of every row.</summary>
    public int ClassificationId => _tokenizer.ClassificationTokenId;

    /// <summary>The id of <c>[SEP]</c>, the token after a text's last piece.</summary>
    public int SeparatorId => _tokenizer.SeparatorTokenId;

    /// <summary>Whether text is lower-cased (and accents removed) before it is split, as an uncased vocabulary needs.</summary>
    public bool LowerCase { get; }

    /// <summary>Reads a WordPiece vocabulary file.</summary>
    /// <param name="vocabularyPath">A <c>vocab.txt</c>: one token per line, UTF-8.</param>
    /// <param name="lowerCase">Lower-case the text first; null decides from the vocabulary: lower-case when no token but the bracketed special ones has an upper-case letter (an uncased model).</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The vocabulary lacks <c>[CLS]</c>, <c>[SEP]</c>, <c>[PAD]</c>, <c>[UNK]</c> or <c>[MASK]</c>; the message names the file and the token.</exception>
    public static WordPieceText FromFile(string vocabularyPath, bool? lowerCase = null)
    {
        string full = Path.GetFullPath(vocabularyPath);
        if (!File.Exists(full))
            throw new FileNotFoundException($"WordPiece vocabulary '{full}' does not exist.", full);
        using var stream = File.OpenRead(full);
        return FromStream(stream, full, lowerCase);
    }

    /// <summary>Reads a WordPiece vocabulary from a stream (e.g. an embedded resource).</summary>
    /// <param name="vocabulary">The <c>vocab.txt</c> content, UTF-8; read to its end, not disposed.</param>
    /// <param name="sourceName">What the stream is, for error messages.</param>
    /// <param name="lowerCase">As for <see cref="FromFile"/>.</param>
    /// <exception cref="InvalidDataException">The vocabulary lacks a special token; the message names the source and the token.</exception>
    public static WordPieceText FromStream(Stream vocabulary, string sourceName, bool? lowerCase = null)
    {
        using var buffer = new MemoryStream();
        vocabulary.CopyTo(buffer);
        string[] tokens = ReadTokens(buffer.ToArray());
        foreach (string special in new[] { "[CLS]", "[SEP]", "[PAD]", "[UNK]", "[MASK]" })
            if (Array.IndexOf(tokens, special) < 0)
                throw new InvalidDataException($"WordPiece vocabulary '{sourceName}' has no {special} token; a BERT vocabulary needs [CLS], [SEP], [PAD], [UNK] and [MASK].");

        bool lower = lowerCase ?? !tokens.Any(HasUpperCaseOutsideSpecials);
        buffer.Position = 0;
        var options = new BertOptions { LowerCaseBeforeTokenization = lower, RemoveNonSpacingMarks = lower };
        return new WordPieceText(BertTokenizer.Create(buffer, options), tokens, lower);
    }

    /// <summary>The word-piece ids of one text, without <c>[CLS]</c>, <c>[SEP]</c> or padding.</summary>
    public IReadOnlyList<int> Pieces(string text) => _tokenizer.EncodeToIds(text, addSpecialTokens: false);

    /// <summary>Encodes <paramref name="texts"/> into an int64 tensor <c>[N, length]</c>: <c>[CLS]</c> pieces <c>[SEP]</c> <c>[PAD]</c>….</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="length"/> is below 2, too short for <c>[CLS]</c> and <c>[SEP]</c>.</exception>
    public torch.Tensor Encode(IReadOnlyList<string> texts, int length) => torch.tensor(EncodeIds(texts, length), [texts.Count, length]);

    /// <summary>The ids of <see cref="Encode"/>, row-major, with no tensor made (no libtorch needed).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="length"/> is below 2, too short for <c>[CLS]</c> and <c>[SEP]</c>.</exception>
    public long[] EncodeIds(IReadOnlyList<string> texts, int length)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 2);
        var ids = new long[texts.Count * (long)length];
        Array.Fill(ids, PaddingId);
        for (int row = 0; row < texts.Count; row++)
        {
            long start = row * (long)length;
            IReadOnlyList<int> pieces = Pieces(texts[row]);
            int kept = Math.Min(pieces.Count, length - 2);
            ids[start] = ClassificationId;
            for (int i = 0; i < kept; i++)
                ids[start + 1 + i] = pieces[i];
            ids[start + 1 + kept] = SeparatorId;
        }
        return ids;
    }

    /// <summary>The vocabulary entry of one id (e.g. <c>"##s"</c>).</summary>
    public string TokenText(long id) => id >= 0 && id < _tokens.Length ? _tokens[id] : "";

    private static string[] ReadTokens(byte[] bytes)
    {
        using var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8);
        var tokens = new List<string>();
        while (reader.ReadLine() is { } line)
            tokens.Add(line);
        return tokens.ToArray();
    }

    // [CLS], [unused0] and the like are upper-case in uncased vocabularies too.
    private static bool HasUpperCaseOutsideSpecials(string token) =>
        !(token.StartsWith('[') && token.EndsWith(']')) && token.Any(char.IsUpper);
}
