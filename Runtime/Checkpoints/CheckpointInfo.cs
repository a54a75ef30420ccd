namespace ModelDsl.Checkpoints;

/// <summary>A checkpoint on disk whose manifest was read.</summary>
/// <param name="Directory">The checkpoint folder.</param>
/// <param name="Epoch">Completed epochs when it was written.</param>
/// <param name="SpecHash">Architecture hash of the model that wrote it.</param>
/// <param name="MonitorValue">The monitored value at that epoch (NaN when not recorded).</param>
public sealed record CheckpointInfo(string Directory, int Epoch, string SpecHash, string? Monitor, double MonitorValue);
