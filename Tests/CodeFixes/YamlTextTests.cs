using Microsoft.CodeAnalysis.Text;
using ModelDsl.CodeFixes;

namespace ModelDsl.Tests.CodeFixes;

/// <summary>The YAML text edits, at positions the generator may report besides today's (the item's dash or brace rather than its 'type' entry).</summary>
public sealed class YamlTextTests
{
    [Theory]
    [InlineData("layers:\n  - units: 2\n    type: dense\n", 1, 2, "layers:\n  - type: flatten\n  - units: 2\n    type: dense\n")]
    [InlineData("layers: [{type: conv2d}, {units: 2, type: dense}]\n", 0, 25, "layers: [{type: conv2d}, {type: flatten}, {units: 2, type: dense}]\n")]
    [InlineData("layers:\r\n  - type: dense\r\n", 1, 4, "layers:\r\n  - type: flatten\r\n  - type: dense\r\n")]
    public void A_layer_is_inserted_before_the_item_at_its_dash_or_brace_or_type_key(string yaml, int line, int column, string expected)
    {
        SourceText text = SourceText.From(yaml);
        TextChange? insertion = YamlText.InsertLayerBefore(text, new LinePosition(line, column), "type: flatten", "{type: flatten}");
        Assert.NotNull(insertion);
        Assert.Equal(expected, text.WithChanges(insertion.Value).ToString());
    }

    [Fact]
    public void A_key_is_found_only_as_a_key_and_not_after_the_reported_column()
    {
        SourceText text = SourceText.From("- {name: unit, unit: 2, units: 3}\n");
        Assert.Equal(new TextSpan(15, 4), YamlText.FindKey(text, new LinePosition(0, 21), "unit"));
        Assert.Null(YamlText.FindKey(text, new LinePosition(0, 10), "unit"));
    }
}
