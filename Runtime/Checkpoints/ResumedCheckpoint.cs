using ModelDsl.Training;

namespace ModelDsl.Checkpoints;

/// <summary>The checkpoint a run resumed from, and the trainer state to pass to <c>Fit(resumeFrom: …)</c>.</summary>
/// <param name="Checkpoint">The checkpoint whose weights and optimizer state were loaded.</param>
/// <param name="Snapshot">The trainer state saved with it.</param>
public sealed record ResumedCheckpoint(CheckpointInfo Checkpoint, TrainerSnapshot Snapshot);
