using System.Linq;
using ModelDsl.Generator.Spec;

namespace ModelDsl.Generator.Analysis
{
    /// <summary>
    /// What the output steps of one model receive, split in two so they travel apart: the diagnostics (with their
    /// locations) and the model the emitters read, which holds no spans. A line added above a model changes only the
    /// first, so it re-reports diagnostics without regenerating source (as System.Text.Json's generator does).
    /// </summary>
    /// <param name="Source">The model to emit (valid, or a stub), with every span removed; null when nothing is emitted.</param>
    internal sealed record ModelOutput(EquatableArray<DiagnosticInfo> Diagnostics, CheckedModel? Source)
    {
        private static readonly SourceSpan Nowhere = new("", 0, 0, 0, 0, 0, 0);

        /// <summary>Adds the cross-model clash check to the model's own diagnostics and decides what is emitted.</summary>
        public static ModelOutput Decide(CheckedModel model, EquatableArray<ModelIdentity> identities, bool fromYaml)
        {
            if (ModelIdentity.Of(model, fromYaml) is not { } identity)
                return new ModelOutput(model.Diagnostics, null);
            if (identity.FirstClash(identities) is { } clash)
            {
                DiagnosticInfo clashing = clash.Type == identity.FullName && clash.Other.FullName == identity.FullName
                    ? Generator.Diagnostics.Create(Generator.Diagnostics.DuplicateModelName, model.ModelSpan, identity.FullName,
                        clash.Other.FromYaml ? clash.Other.Path : "a [Model] class")
                    : Generator.Diagnostics.Create(Generator.Diagnostics.GeneratedTypeClash, model.ModelSpan, identity.FullName, clash.Type, clash.Other.FullName);
                return new ModelOutput(model.Diagnostics.Concat(new[] { clashing }).ToEquatableArray(), null);
            }
            return new ModelOutput(model.Diagnostics, WithoutSpans(model));
        }

        /// <summary>The model with its diagnostics and every source span removed; the file path stays for internal errors.</summary>
        private static CheckedModel WithoutSpans(CheckedModel model) => model with
        {
            Diagnostics = EquatableArray<DiagnosticInfo>.Empty,
            ModelSpan = Nowhere with { FilePath = model.ModelSpan.FilePath },
            Layers = model.Layers.Select(plan => plan with { Arguments = WithoutSpans(plan.Arguments) }).ToEquatableArray(),
            Training = WithoutSpans(model.Training),
            Inputs = model.Inputs.Select(input => input with { Span = Nowhere }).ToEquatableArray(),
            Features = model.Features is null ? null : model.Features with
            {
                Span = Nowhere,
                Properties = model.Features.Properties.Select(p => p with { Span = Nowhere, ScaleSpan = null, EmbedSpan = null }).ToEquatableArray(),
            },
        };

        private static EquatableArray<Argument> WithoutSpans(EquatableArray<Argument> arguments) =>
            arguments.Select(a => a with { Span = Nowhere }).ToEquatableArray();
    }
}
