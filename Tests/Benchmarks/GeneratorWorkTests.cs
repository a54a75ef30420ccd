using Microsoft.CodeAnalysis;
using ModelDsl.Benchmarks;

namespace ModelDsl.Tests.Benchmarks;

/// <summary>The benchmark's generator-work counter reports zero for an unrelated edit and sees the work a model edit causes.</summary>
public sealed class GeneratorWorkTests
{
    [Fact]
    public void An_unrelated_edit_counts_no_work_and_a_model_edit_counts_some()
    {
        var corpus = GeneratorSpecCorpus.Create(4);
        Compilation compilation = new GeneratorRunner().Compile(corpus);
        GeneratorDriver first = GeneratorRunner.CreateDriver(corpus).RunGenerators(compilation);
        GeneratorWork initial = GeneratorWork.Of(first.GetRunResult().Results.Single());
        Assert.Equal(GeneratorSection.FilesPerModel * corpus.ModelCount, first.GetRunResult().GeneratedTrees.Length);
        Assert.True(initial.New > 0, $"the first run did no counted work: {initial}");

        GeneratorWork unrelated = GeneratorWork.Of(first.RunGenerators(GeneratorRunner.EditUnrelated(compilation)).GetRunResult().Results.Single());
        Assert.Equal(0, unrelated.Regenerated);
        Assert.True(unrelated.Cached + unrelated.Unchanged > 0, $"nothing was tracked: {unrelated}");

        SyntaxTree model = compilation.SyntaxTrees.First(t => t.FilePath == "Model0.cs");
        string edited = model.GetText().ToString().Replace("[Conv2D(8,", "[Conv2D(9,", StringComparison.Ordinal);
        Assert.NotEqual(model.GetText().ToString(), edited);
        Compilation changed = compilation.ReplaceSyntaxTree(model, model.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(edited)));
        GeneratorWork work = GeneratorWork.Of(first.RunGenerators(changed).GetRunResult().Results.Single());
        Assert.True(work.Modified > 0, $"a changed layer width counted no work: {work}");
    }
}
