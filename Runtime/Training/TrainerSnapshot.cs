namespace ModelDsl.Training;

/// <summary>
/// The trainer's own state after an epoch: enough, together with the model weights and optimizer state, to continue the
/// run exactly where it stopped (same batches, same dropout masks, same early-stopping decisions).
/// </summary>
/// <param name="Epoch">Completed epochs.</param>
/// <param name="Step">Completed optimizer steps.</param>
/// <param name="BestMonitorValue">The best value of the monitored quantity so far (NaN before the first).</param>
/// <param name="EpochsWithoutImprovement">Early-stopping counter.</param>
/// <param name="History">Epoch records so far.</param>
/// <param name="RngState">Torch's CPU random generator state (dropout), as bytes.</param>
public sealed record TrainerSnapshot(
    int Epoch, long Step, double BestMonitorValue, int EpochsWithoutImprovement, IReadOnlyList<EpochRecord> History, byte[] RngState);
