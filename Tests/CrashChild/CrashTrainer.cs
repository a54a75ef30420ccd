using ModelDsl.Training;

namespace ModelDsl.CrashChild;

/// <summary>The trainer for <see cref="CrashModel"/>, as a generated trainer would declare it.</summary>
public sealed class CrashTrainer(CrashModel model, TrainingOptions options)
    : ModelTrainer<CrashModel>(model, options, new ModelOutput(ModelTask.MultiClass, CrashModel.Classes), [CrashModel.Features], CrashModel.SpecHash)
{
    /// <summary>Options for a short, fast run: one batch per epoch, Adam, CPU.</summary>
    public static TrainingOptions OptionsFor(int epochs) => new()
    {
        Optimizer = ModelDsl.Optimizer.Adam,
        LearningRate = 1e-3,
        BatchSize = 64,
        Epochs = epochs,
        Monitor = "loss",
        Seed = 5,
        Device = "cpu",
    };

    /// <summary>A fixed, learnable dataset: the label is the index of the largest of the first four features.</summary>
    public static Data.InMemoryDataset Data()
    {
        var random = new Random(11);
        float[] features = new float[64 * CrashModel.Features];
        long[] labels = new long[64];
        for (int i = 0; i < 64; i++)
        {
            for (int j = 0; j < CrashModel.Features; j++)
                features[i * CrashModel.Features + j] = (float)(random.NextDouble() * 2 - 1);
            labels[i] = Enumerable.Range(0, CrashModel.Classes).MaxBy(c => features[i * CrashModel.Features + c]);
        }
        return new Data.InMemoryDataset(TorchSharp.torch.tensor(features, [64, CrashModel.Features]), TorchSharp.torch.tensor(labels));
    }
}
