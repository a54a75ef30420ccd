using Microsoft.CodeAnalysis;
using ModelDsl.CodeFixes;

namespace ModelDsl.Tests.CodeFixes;

/// <summary>
/// MDSL0007: the fix adds <c>[Model(/* input shape */)]</c> in the layout of the existing attributes. The shape cannot be
/// known, so the fixed code compiles and the generator's next diagnostic (MDSL0002, at the new attribute) asks for it.
/// </summary>
public sealed class AddModelAttributeCodeFixTests
{
    [Fact]
    public async Task Inline_attributes_get_the_model_attribute_on_the_same_line_and_then_ask_for_the_input_shape()
    {
        FixedSource result = await CodeFixHarness.FixCSharpAsync(new AddModelAttributeCodeFix(), "MDSL0007",
            "using ModelDsl;\nnamespace Demo;\n[[|Dense(2)|]][Dense(3)] public partial class Unmarked { }\n");

        Assert.Equal("using ModelDsl;\nnamespace Demo;\n[Model(/* input shape */)][Dense(2)][Dense(3)] public partial class Unmarked { }\n", result.Text);
        Assert.Equal("Add [Model] to 'Unmarked'", result.Title);
        Assert.DoesNotContain(result.Run.Diagnostics, d => d.Id == "MDSL0007");
        Diagnostic next = result.Run.Single("MDSL0002");
        Assert.Equal((2, 1), (next.Location.GetLineSpan().StartLinePosition.Line, next.Location.GetLineSpan().StartLinePosition.Character));
        Assert.Empty(result.Run.CompilationErrors);
    }

    [Fact]
    public async Task Attributes_one_per_line_get_the_model_attribute_on_its_own_line_below_the_doc_comment()
    {
        FixedSource result = await CodeFixHarness.FixCSharpAsync(new AddModelAttributeCodeFix(), "MDSL0007", """
            using ModelDsl;
            namespace Demo
            {
                /// <summary>A model.</summary>
                [[|Dense(2)|]]
                [Train(Epochs = 3)]
                public partial class Unmarked { }
            }
            """);

        Assert.Equal("""
            using ModelDsl;
            namespace Demo
            {
                /// <summary>A model.</summary>
                [Model(/* input shape */)]
                [Dense(2)]
                [Train(Epochs = 3)]
                public partial class Unmarked { }
            }
            """, result.Text);
        Assert.DoesNotContain(result.Run.Diagnostics, d => d.Id == "MDSL0007");
        Assert.Equal(4, result.Run.Single("MDSL0002").Location.GetLineSpan().StartLinePosition.Line);
        Assert.Empty(result.Run.CompilationErrors);
    }

    [Fact]
    public async Task Without_a_using_the_attribute_name_is_qualified()
    {
        FixedSource result = await CodeFixHarness.FixCSharpAsync(new AddModelAttributeCodeFix(), "MDSL0007",
            "namespace Demo;\n[[|ModelDsl.Train(Epochs = 3)|]] public partial class OnlyTraining { }\n");

        Assert.Equal("namespace Demo;\n[ModelDsl.Model(/* input shape */)][ModelDsl.Train(Epochs = 3)] public partial class OnlyTraining { }\n", result.Text);
        Assert.DoesNotContain(result.Run.Diagnostics, d => d.Id == "MDSL0007");
        Assert.Empty(result.Run.CompilationErrors);
    }
}
