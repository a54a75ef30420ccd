using ModelDsl.Data;
using ModelDsl.Tests.Support;
using TorchSharp;

namespace ModelDsl.Tests.Data;

/// <summary>
/// <see cref="WordPieceText"/> over small vocabularies written here; every expected id is read off the vocabulary by
/// hand (line number = id), not produced by a tokenizer.
/// </summary>
public sealed class WordPieceTextTests
{
    // Line numbers are the ids: [UNK] 0, [PAD] 1 (padding need not be 0), [CLS] 2, [SEP] 3, [MASK] 4, the 5, market 6,
    // rose 7, fell 8, share 9, ##s 10, un 11, ##expected 12, ##ly 13, "," 14, "." 15, profit 16, [unused0] 17.
    private const string Uncased = "[UNK]\n[PAD]\n[CLS]\n[SEP]\n[MASK]\nthe\nmarket\nrose\nfell\nshare\n##s\nun\n##expected\n##ly\n,\n.\nprofit\n[unused0]\n";

    [Fact]
    public void Sentences_become_cls_word_pieces_sep_and_padding_with_the_vocabulary_ids()
    {
        Devices.TorchNative.EnsureLoaded();
        using var folder = new TemporaryFolder();
        WordPieceText text = WordPieceText.FromFile(folder.Write("vocab.txt", Uncased));

        Assert.True(text.LowerCase);
        Assert.Equal(18, text.Vocabulary);
        Assert.Equal(1, text.PaddingId);
        using var ids = text.Encode(["The market rose.", "Shares fell unexpectedly", "Profit, zzz!"], 9);

        Assert.Equal([3L, 9], ids.shape);
        long[] expected =
        [
            2, 5, 6, 7, 15, 3, 1, 1, 1,    // [CLS] the market rose . [SEP] [PAD]…
            2, 9, 10, 8, 11, 12, 13, 3, 1, // [CLS] share ##s fell un ##expected ##ly [SEP] [PAD]
            2, 16, 14, 0, 0, 3, 1, 1, 1,   // [CLS] profit , [UNK](zzz) [UNK](!) [SEP] [PAD]…
        ];
        Assert.Equal(expected, ids.data<long>().ToArray());
        Assert.Equal("##expected", text.TokenText(12));
    }

    [Fact]
    public void A_text_longer_than_the_row_keeps_its_first_pieces_and_still_ends_in_sep()
    {
        Devices.TorchNative.EnsureLoaded();
        using var folder = new TemporaryFolder();
        WordPieceText text = WordPieceText.FromFile(folder.Write("vocab.txt", Uncased));

        using var ids = text.Encode(["shares fell unexpectedly"], 5);

        Assert.Equal([2L, 9, 10, 8, 3], ids.data<long>().ToArray()); // [CLS] share ##s fell [SEP]
        Assert.Throws<ArgumentOutOfRangeException>(() => text.Encode(["the"], 1));
    }

    [Fact]
    public void A_cased_vocabulary_keeps_the_case_of_the_text()
    {
        Devices.TorchNative.EnsureLoaded();
        using var folder = new TemporaryFolder();
        // [PAD] 0, [UNK] 1, [CLS] 2, [SEP] 3, Market 4, market 5, Rose 6, [MASK] 7.
        WordPieceText text = WordPieceText.FromFile(folder.Write("vocab.txt", "[PAD]\n[UNK]\n[CLS]\n[SEP]\nMarket\nmarket\nRose\n[MASK]\n"));

        Assert.False(text.LowerCase);
        using var ids = text.Encode(["Market market Rose rose"], 7);

        Assert.Equal([2L, 4, 5, 6, 1, 3, 0], ids.data<long>().ToArray());
    }

    [Fact]
    public void A_vocabulary_without_a_special_token_is_refused_naming_the_file_and_the_token()
    {
        using var folder = new TemporaryFolder();
        string path = folder.Write("vocab.txt", "[PAD]\n[UNK]\n[CLS]\nthe\n");

        var error = Assert.Throws<InvalidDataException>(() => WordPieceText.FromFile(path));

        Assert.Contains(path, error.Message);
        Assert.Contains("no [SEP] token", error.Message);
    }
}
