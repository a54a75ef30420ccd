using ModelDsl.CodeFixes;

namespace ModelDsl.Tests.CodeFixes;

/// <summary>MDSL0012 in a <c>*.model.yaml</c>: the fix renames the misspelt key to the suggestion the diagnostic carries.</summary>
public sealed class RenameArgumentCodeFixTests
{
    private const string Head = "name: T\ninput: [4]\nlayers:\n";

    [Theory]
    [InlineData("layer argument", "  - type: dense\n    [|unit: 2|]\n", "  - type: dense\n    units: 2\n", "Change 'unit' to 'units'")]
    [InlineData("training option", "  - type: dense\n    units: 2\ntraining:\n  [|learnig_rate: 0.003|]\n",
                "  - type: dense\n    units: 2\ntraining:\n  learning_rate: 0.003\n", "Change 'learnig_rate' to 'learning_rate'")]
    [InlineData("flow mapping with an equal value before the key", "  - {type: dense, name: unit, [|unit: 2|]}\n",
                "  - {type: dense, name: unit, units: 2}\n", "Change 'unit' to 'units'")]
    public async Task Renames_the_misspelt_key_and_the_spec_then_generates(string kind, string layers, string expected, string title)
    {
        FixedSource result = await CodeFixHarness.FixYamlAsync(new RenameArgumentCodeFix(), "MDSL0012", Head + layers);

        Assert.True(Head + expected == result.Text, $"{kind}: got\n{result.Text}");
        Assert.Equal(title, result.Title);
        Assert.Empty(result.Run.Diagnostics);
        Assert.Empty(result.Run.CompilationErrors);
    }

    [Fact]
    public async Task Is_not_offered_when_no_valid_name_is_near()
    {
        var offered = await CodeFixHarness.OfferedInYamlAsync(new RenameArgumentCodeFix(), "MDSL0012",
            Head + "  - type: dense\n    units: 2\n    [|zzzzzzzz: 1|]\n");
        Assert.Empty(offered);
    }
}
