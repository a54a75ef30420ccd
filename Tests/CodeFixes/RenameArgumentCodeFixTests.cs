using ModelDsl.CodeFixes;

namespace ModelDsl.Tests.CodeFixes;

/// <summary>MDSL0012 in a <c>*.model.yaml</c>: the fix renames the misspelt key to the suggestion the diagnostic carries.</summary>
public sealed class RenameArgumentCodeFixTests
{
    [Fact]
    public async Task Renames_a_misspelt_layer_argument()
    {
        FixedSource result = await CodeFixHarness.FixYamlAsync(new RenameArgumentCodeFix(), "MDSL0012",
            "name: T\ninput: [4]\nlayers:\n  - type: dense\n    [|unit: 2|]\n");

        Assert.Equal("name: T\ninput: [4]\nlayers:\n  - type: dense\n    units: 2\n", result.Text);
        Assert.Equal("Change 'unit' to 'units'", result.Title);
        Assert.Empty(result.Run.Diagnostics);
        Assert.Empty(result.Run.CompilationErrors);
    }

    [Fact]
    public async Task Renames_a_misspelt_training_option()
    {
        FixedSource result = await CodeFixHarness.FixYamlAsync(new RenameArgumentCodeFix(), "MDSL0012",
            "name: T\ninput: [4]\nlayers:\n  - type: dense\n    units: 2\ntraining:\n  [|learnig_rate: 0.003|]\n");

        Assert.Equal("name: T\ninput: [4]\nlayers:\n  - type: dense\n    units: 2\ntraining:\n  learning_rate: 0.003\n", result.Text);
        Assert.Empty(result.Run.Diagnostics);
    }

    [Fact]
    public async Task In_a_flow_mapping_only_the_key_changes_not_an_equal_value_before_it()
    {
        FixedSource result = await CodeFixHarness.FixYamlAsync(new RenameArgumentCodeFix(), "MDSL0012",
            "name: T\ninput: [4]\nlayers:\n  - {type: dense, name: unit, [|unit: 2|]}\n");

        Assert.Equal("name: T\ninput: [4]\nlayers:\n  - {type: dense, name: unit, units: 2}\n", result.Text);
        Assert.Empty(result.Run.Diagnostics);
    }

    [Fact]
    public async Task Is_not_offered_when_no_valid_name_is_near()
    {
        var offered = await CodeFixHarness.OfferedInYamlAsync(new RenameArgumentCodeFix(), "MDSL0012",
            "name: T\ninput: [4]\nlayers:\n  - type: dense\n    units: 2\n    [|zzzzzzzz: 1|]\n");
        Assert.Empty(offered);
    }
}
