using System.Collections.Generic;
using System.Linq;
using ModelDsl.Generator.Spec;

namespace ModelDsl.Generator.Analysis
{
    /// <summary>
    /// The types a model will generate and where it is declared: what the output step compares across every model so two
    /// specs never generate one type. Plain data, so the combined list is equatable.
    /// </summary>
    /// <param name="FullName">The model's full name (<c>Ns.Model</c>), also the prefix of its hint names.</param>
    /// <param name="Types">Full names of every type it generates: the model, its trainer and, for record inputs, its featurizer, ONNX inputs and CSV reader.</param>
    internal sealed record ModelIdentity(string FullName, EquatableArray<string> Types, bool FromYaml, string Path, int Line, int Column)
    {
        /// <summary>The identity of a model that will emit something (source or a stub), or null.</summary>
        public static ModelIdentity? Of(CheckedModel model, bool fromYaml)
        {
            if (!model.CanEmit && !model.CanStub)
                return null;
            var types = new List<string> { model.HintName, model.HintName + "Trainer" };
            if (model.Features is not null && model.CanEmit)
            {
                types.Add(model.HintName + "Featurizer");
                types.Add(model.HintName + "OnnxInputs");
            }
            if (model.UsesInputRecord && model.CanEmit)
                types.Add((model.Namespace.Length == 0 ? "" : model.Namespace + ".") + model.InputRecordName);
            if (model.Features is { Construction.Problem.Length: 0 } && model.CanEmit)
                types.Add(model.HintName + "CsvReader");
            return new ModelIdentity(model.HintName, types.ToEquatableArray(), fromYaml, model.ModelSpan.FilePath, model.ModelSpan.StartLine, model.ModelSpan.StartColumn);
        }

        /// <summary>
        /// The first type this model generates that an earlier model also generates, with that model; null when there is none.
        /// Attribute models come before YAML models, then by file and position, so the choice does not depend on build order.
        /// </summary>
        public (string Type, ModelIdentity Other)? FirstClash(EquatableArray<ModelIdentity> all)
        {
            foreach (ModelIdentity other in all)
            {
                if (other == this || !IsBefore(other, this))
                    continue;
                string? shared = Types.FirstOrDefault(t => other.Types.Contains(t));
                if (shared is not null)
                    return (shared, other);
            }
            return null;
        }

        private static bool IsBefore(ModelIdentity a, ModelIdentity b)
        {
            if (a.FromYaml != b.FromYaml)
                return !a.FromYaml;
            int byPath = string.CompareOrdinal(a.Path, b.Path);
            if (byPath != 0)
                return byPath < 0;
            return a.Line != b.Line ? a.Line < b.Line : a.Column < b.Column;
        }
    }
}
