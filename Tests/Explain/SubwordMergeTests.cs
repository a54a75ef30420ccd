using ModelDsl.Data;
using ModelDsl.Explain;

namespace ModelDsl.Tests.Explain;

/// <summary>Token pieces joined back into words for explanations, attributions summed.</summary>
public sealed class SubwordMergeTests
{
    [Fact]
    public void Pieces_without_a_leading_space_join_the_word_before_and_their_attributions_add_up()
    {
        IReadOnlyList<(string Word, double Attribution)> words = SubwordMerge.ToWords(
        [
            ("Kone", 0.1), (" raised", 0.3), (" its", 0.0), (" full", 0.1), ("-", 0.05), ("year", 0.05), (" out", 0.2), ("look", 0.125), (" ", 0.5),
        ]);

        Assert.Equal(["Kone", "raised", "its", "full-year", "outlook"], words.Select(w => w.Word));
        Assert.Equal([0.1, 0.3, 0.0, 0.2, 0.825], words.Select(w => Math.Round(w.Attribution, 9)));
    }

    [Fact]
    public void The_gpt2_pieces_of_a_sentence_merge_into_its_words()
    {
        const string sentence = "Outokumpu's quarterly EBITDA outperformed expectations, analysts said";
        var tokenizer = new TokenizedText();
        using TorchSharp.torch.Tensor ids = tokenizer.Encode([sentence], 32);
        long[] row = ids.data<long>().ToArray().TakeWhile(id => id != TokenizedText.Padding).ToArray();
        var pieces = row.Select(id => (tokenizer.TokenText(id), 1.0)).ToList();
        Assert.True(pieces.Count > sentence.Split(' ').Length, "the sentence should have words of several pieces");

        IReadOnlyList<(string Word, double Attribution)> words = SubwordMerge.ToWords(pieces);

        Assert.Equal(sentence.Split(' '), words.Select(w => w.Word));
        Assert.Equal(pieces.Count, words.Sum(w => w.Attribution));
    }
}
