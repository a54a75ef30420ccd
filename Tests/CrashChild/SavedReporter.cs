using ModelDsl.Training;

namespace ModelDsl.CrashChild;

/// <summary>Prints <c>saved &lt;epoch&gt;</c> after the checkpoint callback ran, so the parent knows a checkpoint exists.</summary>
public sealed class SavedReporter : ITrainingCallback
{
    /// <inheritdoc />
    public void OnEpochEnd(TrainerSnapshot snapshot)
    {
        Console.WriteLine($"saved {snapshot.Epoch}");
        Console.Out.Flush();
    }
}
