using ModelDsl.Checkpoints;
using TorchSharp;

namespace ModelDsl.Models.Catalog;

/// <summary>One model the app ships: its name on the command line, its compile-time summary, and how to train, evaluate, predict and explain it.</summary>
internal abstract class ShippedModel
{
    /// <summary>The name used on the command line, e.g. <c>fashion-cnn</c>.</summary>
    public abstract string Name { get; }

    /// <summary>One line saying what the model does and on which data.</summary>
    public abstract string Description { get; }

    /// <summary>The compile-time summary table of the generated module.</summary>
    public abstract string Summary();

    /// <summary>Trains on the default data (or <see cref="TrainRequest.DataPath"/>), checkpoints, and reports test figures and a baseline.</summary>
    public abstract TrainOutcome Train(TrainRequest request, TextWriter log);

    /// <summary>Loads a checkpoint and reports metrics on the test split.</summary>
    public abstract EvaluateOutcome Evaluate(EvaluateRequest request, TextWriter log);

    /// <summary>Loads a checkpoint and prints predictions for the examples in an input file.</summary>
    public abstract void Predict(PredictRequest request, TextWriter output);

    /// <summary>Loads a checkpoint and explains predictions; writes PNG charts into the output folder.</summary>
    public abstract ExplainOutcome Explain(ExplainRequest request, TextWriter output);

    /// <summary>A new, untrained module of this model with its architecture hash, to load checkpoint weights into.</summary>
    protected abstract (torch.nn.Module Module, string SpecHash) NewModule();

    /// <summary>
    /// Writes the weights of the checkpoint folder <paramref name="checkpointDirectory"/> for PyTorch: safetensors when
    /// <paramref name="path"/> ends in <c>.safetensors</c>, otherwise a <c>torch.load</c> state-dict file.
    /// </summary>
    /// <exception cref="CheckpointException">The checkpoint is damaged or of another model.</exception>
    /// <exception cref="CheckpointWriteException">The file cannot be written.</exception>
    public void Export(string checkpointDirectory, string path)
    {
        (torch.nn.Module module, string specHash) = NewModule();
        using (module)
        {
            CheckpointStore.LoadWeights(CheckpointStore.Resolve(checkpointDirectory), module, specHash);
            if (path.EndsWith(".safetensors", StringComparison.OrdinalIgnoreCase))
                WeightExport.SaveSafetensors(module, path);
            else
                WeightExport.SavePyTorch(module, path);
        }
    }
}
