using Microsoft.CodeAnalysis;
using ModelDsl.Generator;
using ModelDsl.Generator.Analysis;
using ModelDsl.Generator.Spec;

namespace ModelDsl.Tests.Generator;

/// <summary>
/// A defect inside the generator must not surface as CS8785 with every model's output silently dropped: the guards turn
/// an exception into MDSL0999 at the model (or YAML file) it happened for. No valid input reaches these paths, so the
/// defects are simulated.
/// </summary>
public sealed class InternalErrorTests
{
    [Fact]
    public void A_front_end_that_throws_becomes_MDSL0999_at_the_yaml_file()
    {
        ParseResult result = ModelGenerator.Guard(() => throw new InvalidOperationException("index out of step"), "models/Broken.model.yaml");

        Assert.Null(result.Model);
        DiagnosticInfo info = Assert.Single(result.Diagnostics);
        Diagnostic diagnostic = ModelDsl.Generator.Diagnostics.ToDiagnostic(info);
        Assert.Equal("MDSL0999", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal("models/Broken.model.yaml", diagnostic.Location.GetLineSpan().Path);
        Assert.Contains("InvalidOperationException: index out of step", diagnostic.GetMessage());
        Assert.Contains("Please report", diagnostic.GetMessage());
    }

    [Fact]
    public void A_checker_that_throws_becomes_MDSL0999_at_the_model_and_emits_nothing()
    {
        var modelSpan = new SourceSpan("Risk.cs", 40, 11, 3, 1, 3, 12);
        // A layer without a kind cannot come from either front end; it makes the checker fail the way a defect would.
        var spec = new ModelSpec(ModelSource.Attributes, "Demo", "Risk", "public", new[] { 4L }.ToEquatableArray(), modelSpan, modelSpan,
            new[] { new LayerSpec(null!, EquatableArray<Argument>.Empty, modelSpan) }.ToEquatableArray(), EquatableArray<Argument>.Empty, modelSpan);

        CheckedModel checkedModel = ModelGenerator.CheckGuarded(new ParseResult(spec, EquatableArray<DiagnosticInfo>.Empty));

        Assert.False(checkedModel.CanEmit);
        DiagnosticInfo info = Assert.Single(checkedModel.Diagnostics);
        Assert.Equal("MDSL0999", info.Id);
        Assert.Equal(modelSpan, info.Span);
        Assert.Equal("Risk", info.MessageArguments[0]);
    }
}
