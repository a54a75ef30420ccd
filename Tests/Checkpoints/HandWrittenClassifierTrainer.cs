using ModelDsl.Data;
using ModelDsl.Training;

namespace ModelDsl.Tests.Checkpoints;

/// <summary>The trainer a generated model would get, written by hand for <see cref="HandWrittenClassifier"/>.</summary>
public sealed class HandWrittenClassifierTrainer(HandWrittenClassifier model, TrainingOptions options, int hiddenUnits = 16)
    : ModelTrainer<HandWrittenClassifier>(model, options, new ModelOutput(ModelTask.MultiClass, HandWrittenClassifier.Classes), [HandWrittenClassifier.Features],
        HandWrittenClassifier.SpecHashFor(hiddenUnits))
{
    /// <summary>A small learnable dataset: the label is the index of the largest of the first three features.</summary>
    public static InMemoryDataset Data(int count, int seed)
    {
        var random = new Random(seed);
        float[] features = new float[count * HandWrittenClassifier.Features];
        long[] labels = new long[count];
        for (int i = 0; i < count; i++)
        {
            for (int j = 0; j < HandWrittenClassifier.Features; j++)
                features[i * HandWrittenClassifier.Features + j] = (float)(random.NextDouble() * 2 - 1);
            labels[i] = Enumerable.Range(0, HandWrittenClassifier.Classes).MaxBy(c => features[i * HandWrittenClassifier.Features + c]);
        }
        return new InMemoryDataset(TorchSharp.torch.tensor(features, [count, HandWrittenClassifier.Features]), TorchSharp.torch.tensor(labels));
    }
}
