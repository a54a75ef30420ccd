using ModelDsl.Data;

namespace ModelDsl.Benchmarks;

/// <summary>
/// Seeded rows of WordPiece ids as a BERT-family encoder reads them: <c>[CLS]</c>, random ordinary word pieces,
/// <c>[SEP]</c>, then <c>[PAD]</c> to the length, each row of a random real length from 8 to the length. Throughput depends
/// on the shapes and the padding, not on which words they are.
/// </summary>
/// <param name="Ids">Row-major ids, <c>rows × length</c>.</param>
/// <param name="Mask">1 at real tokens, 0 at padding, as <see cref="Ids"/>.</param>
/// <param name="Lengths">Each row's real length.</param>
internal sealed record PaddedTokenRows(long[] Ids, long[] Mask, int[] Lengths)
{
    /// <summary>Shortest real length, <c>[CLS]</c> and <c>[SEP]</c> included.</summary>
    public const int ShortestRow = 8;

    // Ids below this are [PAD], [unused…], the other special tokens and single characters in BERT's uncased vocabulary.
    private const int FirstOrdinaryPiece = 1000;

    /// <summary>Draws <paramref name="rows"/> rows of <paramref name="length"/> ids from <paramref name="random"/>.</summary>
    public static PaddedTokenRows Draw(Random random, WordPieceText text, int rows, int length)
    {
        var ids = new long[rows * length];
        var mask = new long[rows * length];
        var lengths = new int[rows];
        Array.Fill(ids, text.PaddingId);
        for (int row = 0; row < rows; row++)
        {
            lengths[row] = random.Next(ShortestRow, length + 1);
            for (int i = 0; i < lengths[row]; i++)
            {
                ids[row * length + i] = i == 0 ? text.ClassificationId : i == lengths[row] - 1 ? text.SeparatorId : random.Next(FirstOrdinaryPiece, text.Vocabulary);
                mask[row * length + i] = 1;
            }
        }
        return new PaddedTokenRows(ids, mask, lengths);
    }
}
