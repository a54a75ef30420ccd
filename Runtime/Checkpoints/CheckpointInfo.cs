namespace ModelDsl.Checkpoints;

/// <summary>A checkpoint on disk whose manifest was read.</summary>
/// <param name="Directory">The checkpoint folder.</param>
/// <param name="Epoch">Completed epochs when it was written.</param>
/// <param name="SpecHash">Architecture hash of the model that wrote it.</param>
/// <param name="Monitor">The monitored value's name, if any.</param>
/// <param name="MonitorValue">The monitored value at that epoch (NaN when not recorded).</param>
/// <param name="HigherIsBetter">Whether a higher <paramref name="MonitorValue"/> was better for the run that wrote it.</param>
public sealed record CheckpointInfo(string Directory, int Epoch, string SpecHash, string? Monitor, double MonitorValue, bool HigherIsBetter = false);
