using ModelDsl.Data;
using ModelDsl.Devices;

namespace ModelDsl.Tests.Data;

public sealed class TokenizedTextTests
{
    [Fact]
    public void Gpt2_ids_are_padded_with_end_of_text_and_truncated_to_the_length()
    {
        TorchNative.EnsureLoaded();
        using var ids = new TokenizedText().Encode(["Hello world", "Profit rose sharply in the third quarter"], 4);
        Assert.Equal([2L, 4], ids.shape);
        long[] rows = ids.data<long>().ToArray();
        // Published GPT-2 vocabulary: "Hello" = 15496, " world" = 995; end-of-text = 50256 pads.
        Assert.Equal([15496L, 995, 50256, 50256], rows[..4]);
        Assert.DoesNotContain(50256L, rows[4..]);
        Assert.All(rows, id => Assert.InRange(id, 0, TokenizedText.VocabularySize - 1));
    }
}
