using ModelDsl.CodeFixes;

namespace ModelDsl.Tests.CodeFixes;

/// <summary>MDSL0001: the fix adds <c>partial</c> before the type keyword; the fixed model generates and compiles.</summary>
public sealed class AddPartialCodeFixTests
{
    [Fact]
    public async Task Adds_partial_after_the_other_modifiers()
    {
        FixedSource result = await CodeFixHarness.FixCSharpAsync(new AddPartialCodeFix(), "MDSL0001",
            "using ModelDsl;\nnamespace Demo;\n[Model(4)][Dense(2)] public class [|NotPartial|] { }\n");

        Assert.Equal("using ModelDsl;\nnamespace Demo;\n[Model(4)][Dense(2)] public partial class NotPartial { }\n", result.Text);
        Assert.Equal("Make 'NotPartial' partial", result.Title);
        Assert.DoesNotContain(result.Run.Diagnostics, d => d.Id == "MDSL0001");
        Assert.Empty(result.Run.CompilationErrors);
        Assert.Contains("Demo.NotPartial.Module.g.cs", result.Run.Sources.Keys);
    }

    [Fact]
    public async Task Without_modifiers_partial_takes_the_keyword_place_and_indentation()
    {
        FixedSource result = await CodeFixHarness.FixCSharpAsync(new AddPartialCodeFix(), "MDSL0001", """
            using ModelDsl;
            namespace Demo
            {
                [Model(4)]
                [Dense(2)]
                class [|Bare|]
                {
                }
            }
            """);

        Assert.Equal("""
            using ModelDsl;
            namespace Demo
            {
                [Model(4)]
                [Dense(2)]
                partial class Bare
                {
                }
            }
            """, result.Text);
        Assert.DoesNotContain(result.Run.Diagnostics, d => d.Id == "MDSL0001");
        Assert.Empty(result.Run.CompilationErrors);
    }
}
