using ModelDsl.Training;

namespace ModelDsl.Checkpoints;

/// <summary>The JSON form of <see cref="TrainerSnapshot"/> written as <c>trainer.json</c>.</summary>
internal sealed record TrainerState(int Epoch, long Step, double? BestMonitorValue, int EpochsWithoutImprovement, string History, string RngState)
{
    public static TrainerState From(TrainerSnapshot s) =>
        new(s.Epoch, s.Step, double.IsNaN(s.BestMonitorValue) ? null : s.BestMonitorValue, s.EpochsWithoutImprovement,
            new TrainingHistory(s.History).ToJson(), Convert.ToBase64String(s.RngState));

    public TrainerSnapshot ToSnapshot() =>
        new(Epoch, Step, BestMonitorValue ?? double.NaN, EpochsWithoutImprovement, TrainingHistory.FromJson(History).Epochs, Convert.FromBase64String(RngState));
}
