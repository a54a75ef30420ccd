using ModelDsl.Training;

namespace ModelDsl.Tests.Training;

/// <summary>A trainer of <see cref="TwoInputModel"/> that forgets to override <c>Forward</c>: the runtime cannot call a two-input module by itself.</summary>
public sealed class TwoInputTrainerWithoutForward(TwoInputModel model)
    : ModelTrainer<TwoInputModel>(model, TwoInputTrainer.TestOptions, new ModelOutput(ModelTask.Binary, 1), TwoInputModel.Inputs, "two-input-test");
