using ModelDsl.CodeFixes;

namespace ModelDsl.Tests.CodeFixes;

/// <summary>MDSL0020 on a Dense after a multi-dimensional output: the fix inserts <c>[Flatten]</c> (in YAML a flatten layer) before it and the model then generates and compiles.</summary>
public sealed class InsertFlattenCodeFixTests
{
    [Fact]
    public async Task Inserts_flatten_before_the_dense_layer_on_the_same_line()
    {
        FixedSource result = await CodeFixHarness.FixCSharpAsync(new InsertFlattenCodeFix(), "MDSL0020",
            "using ModelDsl;\nnamespace Demo;\n[Model(1, 28, 28)][Conv2D(8)][[|Dense(10)|]] public partial class DenseOn3D { }\n");

        Assert.Equal("using ModelDsl;\nnamespace Demo;\n[Model(1, 28, 28)][Conv2D(8)][Flatten][Dense(10)] public partial class DenseOn3D { }\n", result.Text);
        Assert.Equal("Insert [Flatten] before [Dense]", result.Title);
        Assert.Empty(result.Run.Diagnostics);
        Assert.Empty(result.Run.CompilationErrors);
        Assert.Contains("Demo.DenseOn3D.Module.g.cs", result.Run.Sources.Keys);
    }

    [Fact]
    public async Task Attributes_one_per_line_get_flatten_on_its_own_line()
    {
        FixedSource result = await CodeFixHarness.FixCSharpAsync(new InsertFlattenCodeFix(), "MDSL0020", """
            using ModelDsl;
            namespace Demo;

            [Model(1, 28, 28)]
            [Conv2D(8, Kernel = 3)]
            [MaxPool2D(2)]
            [[|Dense(10, Activation = Activation.Softmax)|]]
            public partial class Cnn { }
            """);

        Assert.Equal("""
            using ModelDsl;
            namespace Demo;

            [Model(1, 28, 28)]
            [Conv2D(8, Kernel = 3)]
            [MaxPool2D(2)]
            [Flatten]
            [Dense(10, Activation = Activation.Softmax)]
            public partial class Cnn { }
            """, result.Text);
        Assert.DoesNotContain(result.Run.Diagnostics, d => d.Id == "MDSL0020");
        Assert.Empty(result.Run.CompilationErrors);
    }

    [Fact]
    public async Task Inside_a_list_of_several_attributes_flatten_joins_that_list()
    {
        FixedSource result = await CodeFixHarness.FixCSharpAsync(new InsertFlattenCodeFix(), "MDSL0020",
            "using ModelDsl;\nnamespace Demo;\n[Model(1, 28, 28)][Conv2D(8), [|Dense(10)|]] public partial class Packed { }\n");

        Assert.Equal("using ModelDsl;\nnamespace Demo;\n[Model(1, 28, 28)][Conv2D(8), Flatten, Dense(10)] public partial class Packed { }\n", result.Text);
        Assert.Empty(result.Run.Diagnostics);
        Assert.Empty(result.Run.CompilationErrors);
    }

    [Fact]
    public async Task Is_not_offered_for_shape_errors_that_flattening_does_not_fix()
    {
        var offered = await CodeFixHarness.OfferedInCSharpAsync(new InsertFlattenCodeFix(), "MDSL0020",
            "using ModelDsl;\nnamespace Demo;\n[Model(16)][[|Conv2D(8)|]] public partial class ConvOn1D { }\n");
        Assert.Empty(offered);
    }

    private const string Conv = "name: T\ninput: [1, 8, 8]\nlayers:\n";

    [Theory]
    [InlineData("  - type: conv2d\n    filters: 4\n  - [|type: dense|]\n    units: 2\n",
                "  - type: conv2d\n    filters: 4\n  - type: flatten\n  - type: dense\n    units: 2\n")]
    [InlineData("  - type: conv2d\n    filters: 4\n  # the head\n  - units: 2\n    [|type: dense|]\n",
                "  - type: conv2d\n    filters: 4\n  # the head\n  - type: flatten\n  - units: 2\n    type: dense\n")]
    [InlineData("  - {type: conv2d, filters: 4}\n  - {[|type: dense|], units: 2}\n",
                "  - {type: conv2d, filters: 4}\n  - type: flatten\n  - {type: dense, units: 2}\n")]
    [InlineData("  [{type: conv2d, filters: 4}, {units: 2, [|type: dense|]}]\n",
                "  [{type: conv2d, filters: 4}, {type: flatten}, {units: 2, type: dense}]\n")]
    public async Task In_yaml_inserts_a_flatten_layer_in_the_list_style_used(string layers, string expected)
    {
        FixedSource result = await CodeFixHarness.FixYamlAsync(new InsertFlattenInYamlCodeFix(), "MDSL0020", Conv + layers);

        Assert.Equal(Conv + expected, result.Text);
        Assert.Empty(result.Run.Diagnostics);
        Assert.Empty(result.Run.CompilationErrors);
    }

    [Fact]
    public async Task In_yaml_is_not_offered_for_shape_errors_that_flattening_does_not_fix()
    {
        var offered = await CodeFixHarness.OfferedInYamlAsync(new InsertFlattenInYamlCodeFix(), "MDSL0020",
            "name: T\ninput: [16]\nlayers:\n  - type: [|conv2d|]\n    filters: 4\n");
        Assert.Empty(offered);
    }
}
