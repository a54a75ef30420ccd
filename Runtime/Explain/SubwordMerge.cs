namespace ModelDsl.Explain;

/// <summary>
/// Joins sub-word token pieces back into the words of the text, summing their attributions, so an explanation speaks of
/// "outlook" rather than " out" and "look". Pieces are byte-pair pieces as GPT-2's tokenizer (<c>TokenizedText</c>)
/// decodes them: a piece that begins with white space starts a word (" outlook"), any other piece continues the word
/// before it ("full", "-", "year" → "full-year").
/// </summary>
public static class SubwordMerge
{
    /// <summary>The words of <paramref name="pieces"/>, in order, each with the sum of its pieces' attributions.</summary>
    public static IReadOnlyList<(string Word, double Attribution)> ToWords(IReadOnlyList<(string Piece, double Attribution)> pieces)
    {
        ArgumentNullException.ThrowIfNull(pieces);
        var words = new List<(string Word, double Attribution)>();
        var text = new System.Text.StringBuilder();
        double sum = 0;
        foreach (var (piece, attribution) in pieces)
        {
            bool startsWord = piece.Length > 0 && char.IsWhiteSpace(piece[0]);
            if (startsWord && text.ToString().Trim().Length > 0)
            {
                words.Add((text.ToString().Trim(), sum));
                text.Clear();
                sum = 0;
            }
            text.Append(piece);
            sum += attribution;
        }
        // A piece of white space alone joins the word after it, so no attribution is lost; trailing white space joins the last.
        if (text.ToString().Trim().Length > 0)
            words.Add((text.ToString().Trim(), sum));
        else if (words.Count > 0)
            words[^1] = (words[^1].Word, words[^1].Attribution + sum);
        return words;
    }
}
