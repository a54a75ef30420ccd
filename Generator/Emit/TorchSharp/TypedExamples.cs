using System.Collections.Generic;

namespace ModelDsl.Generator.Emit.TorchSharp
{
    /// <summary>
    /// How a trainer's typed members take their examples: a record model one list of records, a named-input model one list
    /// per input (records and texts). Only the names, the docs' wording and the conversion to tensors differ; the members
    /// themselves are written once, by <see cref="TypedExampleMembers.Emit"/>.
    /// </summary>
    /// <param name="Subject">What the docs call the examples: "records", "the inputs".</param>
    /// <param name="FeaturizerNote">What Fit's summary adds about fitting the featurizer, "" for none.</param>
    /// <param name="ValidationWord">What the docs call validation examples: "validation records".</param>
    /// <param name="Parameters">The parameter list of Evaluate and Predict over many examples.</param>
    /// <param name="TrainParameters">Fit's training parameters.</param>
    /// <param name="ValidationParameters">Fit's optional validation parameters, with their <c>= null</c>.</param>
    /// <param name="Arguments">The arguments that pass <see cref="Parameters"/> on.</param>
    /// <param name="TrainArguments">The arguments that pass <see cref="TrainParameters"/> on.</param>
    /// <param name="ValidationArguments">The arguments that pass the validation parameters on, null-forgiven.</param>
    /// <param name="ValidationMissing">True in the generated code when no validation examples are given.</param>
    /// <param name="ValidationMismatch">The message when validation examples and targets are not given together.</param>
    /// <param name="FitFeaturizer">Fit's first line, fitting the featurizer on the training records, or null.</param>
    /// <param name="OneDoc">Whom Predict over one example predicts for: "for &lt;paramref name="record"/&gt;".</param>
    /// <param name="OneParameters">Predict's parameters for one example.</param>
    /// <param name="OneAsMany">Those parameters as one-element lists, the arguments of Predict over many.</param>
    /// <param name="ManyDoc">Whom Predict over many predicts for: "for each of &lt;paramref name="records"/&gt;".</param>
    /// <param name="PredictLines">Predict over many: the lines that leave the forward values in <c>float[] values</c>.</param>
    internal sealed record TypedExamples(
        string Subject, string FeaturizerNote, string ValidationWord,
        string Parameters, string TrainParameters, string ValidationParameters,
        string Arguments, string TrainArguments, string ValidationArguments,
        string ValidationMissing, string ValidationMismatch, string? FitFeaturizer,
        string OneDoc, string OneParameters, string OneAsMany, string ManyDoc,
        IReadOnlyList<string> PredictLines);
}
