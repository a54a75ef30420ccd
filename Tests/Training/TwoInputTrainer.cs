using ModelDsl.Data;
using ModelDsl.Training;
using static TorchSharp.torch;

namespace ModelDsl.Tests.Training;

/// <summary>The trainer the generator will emit for <see cref="TwoInputModel"/>: the declared inputs, and a forward hook calling the module by input name.</summary>
public sealed class TwoInputTrainer(TwoInputModel model, TrainingOptions options)
    : ModelTrainer<TwoInputModel>(model, options, new ModelOutput(ModelTask.Binary, 1), TwoInputModel.Inputs, "two-input-test")
{
    /// <summary>The options the tests train with.</summary>
    public static TrainingOptions TestOptions => new()
    {
        Device = "cpu",
        Epochs = 8,
        BatchSize = 32,
        LearningRate = 0.05,
        Monitor = "loss",
        Metrics = [Metric.Accuracy],
    };

    /// <inheritdoc />
    protected override Tensor Forward(ModelInputs inputs) => Model.call(inputs["prices"], inputs["tokens"]);
}
