using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ModelDsl.Generator.Analysis;
using ModelDsl.Generator.Emit;
using ModelDsl.Generator.Parsing;
using ModelDsl.Generator.Spec;

namespace ModelDsl.Generator
{
    /// <summary>
    /// Wires the pipeline: attribute and YAML front ends → <see cref="ModelSpec"/> → <see cref="ModelChecker"/> → emitters.
    /// Every stage works on equatable plain data, so edits that do not touch a model regenerate nothing.
    /// </summary>
    [Generator(LanguageNames.CSharp)]
    public sealed class ModelGenerator : IIncrementalGenerator
    {
        /// <summary>Tracking name of the checked-model step (used by incrementality tests).</summary>
        public const string CheckedModelsStep = "CheckedModels";

        /// <inheritdoc />
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            IncrementalValuesProvider<CheckedModel> fromAttributes = context.SyntaxProvider
                .ForAttributeWithMetadataName(AttributeModelParser.ModelAttributeName,
                    static (node, _) => node is ClassDeclarationSyntax,
                    static (syntax, cancellationToken) => Guard(() => AttributeModelParser.Parse(syntax, cancellationToken), syntax.TargetSymbol.Name))
                .Select(static (parsed, _) => CheckGuarded(parsed))
                .WithTrackingName(CheckedModelsStep);

            context.RegisterSourceOutput(fromAttributes, static (production, model) => Produce(production, model));
        }

        private static void Produce(SourceProductionContext production, CheckedModel model)
        {
            foreach (DiagnosticInfo diagnostic in model.Diagnostics)
                production.ReportDiagnostic(Diagnostics.ToDiagnostic(diagnostic));
            if (!model.CanEmit)
                return;
            production.AddSource(model.HintName + ".g.cs", ModuleEmitter.Emit(model));
            production.AddSource(model.HintName + "Trainer.g.cs", TrainerEmitter.Emit(model));
        }

        private static CheckedModel CheckGuarded(ParseResult parsed)
        {
            ModelSpec spec = parsed.Model!;
            try
            {
                return ModelChecker.Check(spec, parsed.Diagnostics);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                return Failed(spec.ClassName, spec.ModelSpan, ex);
            }
        }

        /// <summary>A front end that throws is a defect; it becomes MDSL0999 at the model instead of CS8785 and lost output.</summary>
        private static ParseResult Guard(Func<ParseResult> parse, string name)
        {
            try
            {
                return parse();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                var span = new SourceSpan("", 0, 0, 0, 0, 0, 0);
                var spec = new ModelSpec(ModelSource.Attributes, "", name, "internal", default, span, span, default, default, span);
                return new ParseResult(spec, new[] { Diagnostics.Create(Diagnostics.InternalError, span, name, ex.GetType().Name + ": " + ex.Message) }.ToEquatableArray());
            }
        }

        private static CheckedModel Failed(string name, SourceSpan span, Exception ex) =>
            new("", name, "internal", name, default, default, default, 0, "", ModelTask.Regression, 0, default, false, "",
                new[] { Diagnostics.Create(Diagnostics.InternalError, span, name, ex.GetType().Name + ": " + ex.Message) }.ToEquatableArray());
    }
}
