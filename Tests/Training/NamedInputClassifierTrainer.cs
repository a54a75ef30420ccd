using ModelDsl.Tests.Checkpoints;
using ModelDsl.Training;

namespace ModelDsl.Tests.Training;

/// <summary>A one-input trainer made with the declared-inputs constructor, as the generator writes one for a model whose single input is named: no Forward override.</summary>
public sealed class NamedInputClassifierTrainer(HandWrittenClassifier model, TrainingOptions options)
    : ModelTrainer<HandWrittenClassifier>(model, options, new ModelOutput(ModelTask.MultiClass, HandWrittenClassifier.Classes),
        [ModelInput.Floats("applicant", [HandWrittenClassifier.Features])], HandWrittenClassifier.SpecHashFor(16));
