using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ModelDsl.Generator.Analysis;
using ModelDsl.Generator.Emit.Onnx;
using ModelDsl.Generator.Emit.PyTorch;
using ModelDsl.Generator.Emit.TorchSharp;
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
                    // Records are let through so they get a diagnostic instead of silently producing nothing.
                    static (node, _) => node is ClassDeclarationSyntax or RecordDeclarationSyntax,
                    static (syntax, cancellationToken) => Guard(() => AttributeModelParser.Parse(syntax, cancellationToken), syntax.TargetSymbol.Name))
                .Select(static (parsed, _) => parsed.Model is null ? OnlyDiagnostics(parsed) : CheckGuarded(parsed))
                .WithTrackingName(CheckedModelsStep);

            IncrementalValuesProvider<DiagnosticInfo> unmarked = context.SyntaxProvider
                .CreateSyntaxProvider(static (node, _) => UnmarkedModelDetector.MayApply(node),
                    static (syntax, cancellationToken) => GuardDetector(syntax, cancellationToken))
                .Where(static diagnostic => diagnostic is not null)
                .Select(static (diagnostic, _) => diagnostic!)
                .WithTrackingName(UnmarkedModelsStep);
            context.RegisterSourceOutput(unmarked, static (production, diagnostic) => production.ReportDiagnostic(Diagnostics.ToDiagnostic(diagnostic)));

            IncrementalValuesProvider<CheckedModel> fromYaml = context.AdditionalTextsProvider
                .Where(static text => text.Path.EndsWith(".model.yaml", StringComparison.OrdinalIgnoreCase))
                .Select(static (text, cancellationToken) => Guard(() => YamlModelParser.Parse(text.Path, text.GetText(cancellationToken)?.ToString()), text.Path))
                // Only a spec with 'features:' needs the compilation; the result is plain data, so an unrelated edit
                // re-runs this cheap lookup but nothing after it.
                .Combine(context.CompilationProvider)
                .Select(static (input, _) => Guard(() => FeatureRecordReader.Resolve(input.Left, input.Right), input.Left.Model?.ModelSpan.FilePath ?? ""))
                .Select(static (parsed, _) => parsed.Model is null ? OnlyDiagnostics(parsed) : CheckGuarded(parsed))
                .WithTrackingName(YamlModelsStep);

            // Models are emitted only after checking every other model's generated type names: two specs must never write one
            // type (or one hint name) twice, which would cost the whole project its generated code (CS8785).
            IncrementalValueProvider<EquatableArray<ModelIdentity>> identities = fromAttributes.Select(static (m, _) => ModelIdentity.Of(m, fromYaml: false)).Collect()
                .Combine(fromYaml.Select(static (m, _) => ModelIdentity.Of(m, fromYaml: true)).Collect())
                .Select(static (all, _) => all.Left.AddRange(all.Right).Where(i => i is not null).Select(i => i!).ToEquatableArray());
            Register(context, fromAttributes.Combine(identities).Select(static (input, _) => ModelOutput.Decide(input.Left, input.Right, fromYaml: false)));
            Register(context, fromYaml.Combine(identities).Select(static (input, _) => ModelOutput.Decide(input.Left, input.Right, fromYaml: true)));
        }

        /// <summary>Tracking name of the step whose output the emitters read (no spans, no diagnostics).</summary>
        public const string SourceModelsStep = "SourceModels";

        /// <summary>Diagnostics and source leave in two pipelines, so moving a model re-reports without re-emitting.</summary>
        private static void Register(IncrementalGeneratorInitializationContext context, IncrementalValuesProvider<ModelOutput> outputs)
        {
            context.RegisterSourceOutput(outputs.Select(static (output, _) => output.Diagnostics), static (production, diagnostics) =>
            {
                foreach (DiagnosticInfo diagnostic in diagnostics)
                    production.ReportDiagnostic(Diagnostics.ToDiagnostic(diagnostic));
            });
            context.RegisterSourceOutput(outputs.Select(static (output, _) => output.Source).WithTrackingName(SourceModelsStep),
                static (production, model) =>
                {
                    if (model is not null)
                        Emit(production, model);
                });
        }

        /// <summary>Tracking name of the YAML models step (used by incrementality tests).</summary>
        public const string YamlModelsStep = "YamlModels";

        /// <summary>Tracking name of the step that finds layer attributes on classes without [Model].</summary>
        public const string UnmarkedModelsStep = "UnmarkedModels";

        private static DiagnosticInfo? GuardDetector(GeneratorSyntaxContext syntax, System.Threading.CancellationToken cancellationToken)
        {
            try
            {
                return UnmarkedModelDetector.Find(syntax, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A defect here must not cost the user their models; the detector only adds a warning.
                return null;
            }
        }

        private static CheckedModel OnlyDiagnostics(ParseResult parsed) =>
            new("", "", "internal", "", default, default, default, 0, "", ModelTask.Regression, 0, default, false, "", parsed.Diagnostics);

        private static void Emit(SourceProductionContext production, CheckedModel model)
        {
            // Emitting is guarded like parsing and checking: a defect costs this model, not every model in the project.
            var files = new List<(string HintName, string Text)>();
            try
            {
                if (!model.CanEmit)
                    files.Add((model.HintName + ".Stub.g.cs", StubEmitter.Emit(model)));
                else
                {
                    files.Add((model.HintName + ".Module.g.cs", ModuleEmitter.Emit(model)));
                    files.Add((model.HintName + ".Trainer.g.cs", TrainerEmitter.Emit(model)));
                    files.Add((model.HintName + ".Onnx.g.cs", OnnxEmitter.Emit(model)));
                    if (model.Features is not null)
                        files.Add((model.HintName + ".Featurizer.g.cs", FeaturizerEmitter.Emit(model)));
                    if (CsvReaderEmitter.Applies(model))
                        files.Add((model.HintName + ".CsvReader.g.cs", CsvReaderEmitter.Emit(model)));
                    files.Add((model.HintName + ".PyTorch.g.cs", PyTorchEmitter.Emit(model)));
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                production.ReportDiagnostic(Diagnostics.ToDiagnostic(Diagnostics.Create(Diagnostics.InternalError, model.ModelSpan, model.ClassName,
                    ex.GetType().Name + ": " + ex.Message)));
                return;
            }
            foreach ((string hintName, string text) in files)
                production.AddSource(hintName, text);
        }

        internal static CheckedModel CheckGuarded(ParseResult parsed)
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
        internal static ParseResult Guard(Func<ParseResult> parse, string name)
        {
            try
            {
                return parse();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                var span = new SourceSpan(name.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) ? name : "", 0, 0, 0, 0, 0, 0);
                return new ParseResult(null, new[] { Diagnostics.Create(Diagnostics.InternalError, span, name, ex.GetType().Name + ": " + ex.Message) }.ToEquatableArray());
            }
        }

        private static CheckedModel Failed(string name, SourceSpan span, Exception ex) =>
            new("", name, "internal", name, default, default, default, 0, "", ModelTask.Regression, 0, default, false, "",
                new[] { Diagnostics.Create(Diagnostics.InternalError, span, name, ex.GetType().Name + ": " + ex.Message) }.ToEquatableArray());
    }
}
